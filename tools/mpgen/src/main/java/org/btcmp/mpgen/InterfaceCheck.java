package org.btcmp.mpgen;

import java.nio.file.Path;
import java.util.List;
import org.btcmp.mpgen.compile.Compiler;
import org.btcmp.mpgen.mapping.InterfaceChecker;
import org.btcmp.mpgen.parse.SchemaException;
import org.btcmp.mpgen.schema.CompiledSchema;

/**
 * The entry point for build tools to compare schemas with the Java interfaces they wrap: every
 * disagreement, each naming the Java side and the schema side.
 */
public final class InterfaceCheck {
    private InterfaceCheck() {
    }

    /**
     * Compiles {@code files} and compares them with Java types loaded through {@code loader}: every
     * interface, struct and enum of the files that has $Java.wraps, and each of {@code interfaceNames}
     * (fully qualified), which must have a schema interface.
     *
     * @return the disagreements; empty when schema and Java agree
     * @throws SchemaCompilation.Failure when the schemas do not compile or a named interface is not on the class path
     */
    public static List<String> check(List<Path> importPaths, Path workingDirectory, List<Path> files,
                                     ClassLoader loader, List<String> interfaceNames) throws SchemaCompilation.Failure {
        CompiledSchema schema;
        try {
            schema = new Compiler(importPaths, workingDirectory).compile(files);
        } catch (SchemaException e) {
            throw new SchemaCompilation.Failure(e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new SchemaCompilation.Failure(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
        InterfaceChecker checker = new InterfaceChecker(schema);
        checker.checkWrapped(loader);
        for (String name : interfaceNames) {
            try {
                checker.check(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new SchemaCompilation.Failure(name + ": not on the class path (" + e + ")", e);
            }
        }
        return checker.problems().stream().distinct().toList();
    }
}
