package org.btcmp.mpgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.mpgen.compile.Compiler;
import org.btcmp.mpgen.java.JavaGenerationException;
import org.btcmp.mpgen.java.JavaGenerator;
import org.btcmp.mpgen.parse.SchemaException;
import org.btcmp.mpgen.request.RequestWriter;
import org.btcmp.mpgen.schema.CompiledSchema;

/** {@code mpgen compile}: compiles schemas like {@code capnp compile}. */
final class CompileCommand {
    /** Searched after -I directories unless --no-standard-import, as capnp does. */
    static final List<Path> STANDARD_IMPORTS = List.of(Path.of("/usr/local/include"), Path.of("/usr/include"));

    private CompileCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> imports = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        boolean standardImports = true;
        String output = null;
        String javaPackage = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-I") || a.equals("--import-path")) {
                if (++i >= args.length) {
                    err.println("mpgen compile: -I needs a directory");
                    return 1;
                }
                imports.add(Path.of(args[i]));
            } else if (a.startsWith("-I")) {
                imports.add(Path.of(a.substring(2)));
            } else if (a.equals("--java-package")) {
                if (++i >= args.length) {
                    err.println("mpgen compile: --java-package needs a package name");
                    return 1;
                }
                javaPackage = args[i];
            } else if (a.equals("--no-standard-import")) {
                standardImports = false;
            } else if (a.equals("-o")) {
                if (++i >= args.length) {
                    err.println("mpgen compile: -o needs an output");
                    return 1;
                }
                output = args[i];
            } else if (a.startsWith("-o")) {
                output = a.substring(2);
            } else if (a.startsWith("-")) {
                err.println("mpgen compile: unknown option '" + a + "'");
                return 1;
            } else {
                files.add(Path.of(a));
            }
        }
        String problem = checkInputs("compile", files);
        if (problem != null) {
            err.println(problem);
            return 1;
        }
        if (standardImports) {
            imports.addAll(STANDARD_IMPORTS);
        }
        CompiledSchema schema;
        try {
            schema = new Compiler(imports).compile(files);
        } catch (SchemaException e) {
            err.println(e.getMessage());
            return 1;
        } catch (java.io.UncheckedIOException e) {
            err.println("mpgen compile: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        if (output == null) {
            return 0;
        }
        if (output.startsWith("java:")) {
            try {
                JavaGenerator.generate(schema, Path.of(output.substring("java:".length())), javaPackage);
            } catch (JavaGenerationException e) {
                err.println("mpgen compile: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                err.println("mpgen compile: cannot write Java sources: " + e.getMessage());
                return 1;
            }
            return 0;
        }
        if (!output.equals("-")) {
            err.println("mpgen compile: unsupported output '" + output + "' (use -o- or -o java:DIR)");
            return 1;
        }
        try {
            RequestWriter.write(schema, Channels.newChannel(out));
            out.flush();
        } catch (IOException e) {
            err.println("mpgen compile: cannot write output: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** Why {@code files} cannot be compiled by {@code mpgen <command>}, or null if they can. */
    static String checkInputs(String command, List<Path> files) {
        if (files.isEmpty()) {
            return "mpgen " + command + ": no schema files given";
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                return f + ": no such file";
            }
        }
        return null;
    }
}
