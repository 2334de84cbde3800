package org.btcmp.mpgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.btcmp.mpgen.mapping.SkeletonWriter;

/** {@code mpgen skeleton}: writes a .capnp skeleton for a Java interface. */
final class SkeletonCommand {
    private SkeletonCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String interfaceName = null;
        String classPath = null;
        Path output = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-cp") || a.equals("--class-path") || a.equals("-o")) {
                if (++i >= args.length) {
                    err.println("mpgen skeleton: " + a + " needs a value");
                    return 1;
                }
                if (a.equals("-o")) {
                    output = Path.of(args[i]);
                } else {
                    classPath = args[i];
                }
            } else if (a.startsWith("-")) {
                err.println("mpgen skeleton: unknown option '" + a + "'");
                return 1;
            } else if (interfaceName != null) {
                err.println("mpgen skeleton: one interface at a time ('" + interfaceName + "', then '" + a + "')");
                return 1;
            } else {
                interfaceName = a;
            }
        }
        if (interfaceName == null) {
            err.println("mpgen skeleton: name the Java interface (fully qualified)");
            return 1;
        }
        String text;
        try {
            Class<?> type = Class.forName(interfaceName, false, ClassPaths.loader(classPath));
            text = SkeletonWriter.write(type, FileIds.newId());
        } catch (ClassNotFoundException | LinkageError e) {
            err.println("mpgen skeleton: " + interfaceName + " is not on the class path" + (classPath == null ? " (use -cp)" : ""));
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("mpgen skeleton: " + e.getMessage());
            return 1;
        }
        if (output == null) {
            out.print(text);
            return 0;
        }
        if (Files.exists(output)) {
            err.println("mpgen skeleton: " + output + " exists; not overwriting a schema");
            return 1;
        }
        try {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("mpgen skeleton: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
