package org.btcmp.mpgen;

import java.io.PrintStream;

/** The {@code mpgen} command line. */
public final class Main {
    private static final String USAGE = """
            Usage: mpgen <command> [options]

            Commands:
              id       print a new random file id for a .capnp schema
              compile  [-I DIR]... [--no-standard-import] -o OUT FILE.capnp...
                       compile schemas; -o- writes a CodeGeneratorRequest to stdout,
                       -o java:DIR writes Java readers/builders under DIR
                       (--java-package PKG for files without $Java.package)
              check    [-I DIR]... [--no-standard-import] [-cp CLASSPATH] [--interface NAME]... FILE.capnp...
                       compare schemas with the Java types they wrap ($Java.wraps), and with each
                       --interface; prints every disagreement and exits 1 if there is one
              skeleton [-cp CLASSPATH] [-o FILE.capnp] fully.qualified.JavaInterface
                       write a .capnp skeleton for a Java interface (stdout without -o)
              help     print this help
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 1;
        }
        switch (args[0]) {
            case "id" -> {
                if (args.length != 1) {
                    err.println("mpgen id: takes no arguments");
                    return 1;
                }
                out.println(FileIds.format(FileIds.newId()));
                return 0;
            }
            case "compile" -> {
                return CompileCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
            }
            case "check" -> {
                return CheckCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
            }
            case "skeleton" -> {
                return SkeletonCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
            }
            case "help", "-help", "--help", "-h" -> {
                out.print(USAGE);
                return 0;
            }
            default -> {
                err.println("mpgen: unknown command '" + args[0] + "' (try mpgen help)");
                return 1;
            }
        }
    }
}
