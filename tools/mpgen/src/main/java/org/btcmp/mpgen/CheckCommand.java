package org.btcmp.mpgen;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code mpgen check}: compares schemas with the Java interfaces they wrap. */
final class CheckCommand {
    private CheckCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> imports = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<String> interfaces = new ArrayList<>();
        boolean standardImports = true;
        String classPath = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean takesValue = a.equals("-I") || a.equals("--import-path") || a.equals("-cp")
                    || a.equals("--class-path") || a.equals("--interface");
            if (takesValue && ++i >= args.length) {
                err.println("mpgen check: " + a + " needs a value");
                return 1;
            }
            if (a.equals("-I") || a.equals("--import-path")) {
                imports.add(Path.of(args[i]));
            } else if (a.startsWith("-I")) {
                imports.add(Path.of(a.substring(2)));
            } else if (a.equals("-cp") || a.equals("--class-path")) {
                classPath = args[i];
            } else if (a.equals("--interface")) {
                interfaces.add(args[i]);
            } else if (a.equals("--no-standard-import")) {
                standardImports = false;
            } else if (a.startsWith("-")) {
                err.println("mpgen check: unknown option '" + a + "'");
                return 1;
            } else {
                files.add(Path.of(a));
            }
        }
        String problem = CompileCommand.checkInputs("check", files);
        if (problem != null) {
            err.println(problem);
            return 1;
        }
        if (standardImports) {
            imports.addAll(CompileCommand.STANDARD_IMPORTS);
        }
        List<String> problems;
        try {
            problems = InterfaceCheck.check(imports, Path.of(""), files, ClassPaths.loader(classPath), interfaces);
        } catch (SchemaCompilation.Failure | IllegalArgumentException e) {
            err.println("mpgen check: " + e.getMessage());
            return 1;
        }
        problems.forEach(err::println);
        if (!problems.isEmpty()) {
            err.println("mpgen check: " + problems.size() + " disagreement(s) between the schemas and their Java types");
            return 1;
        }
        out.println("mpgen check: the schemas agree with their Java types");
        return 0;
    }
}
