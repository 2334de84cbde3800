package org.btcmp.mpgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.btcmp.mpgen.compile.Compiler;
import org.btcmp.mpgen.java.JavaGenerationException;
import org.btcmp.mpgen.mapping.InterfaceChecker;
import org.btcmp.mpgen.schema.CompiledSchema;
import org.btcmp.mpgen.parse.SchemaException;
import org.btcmp.mpgen.proxy.ProxyGenerator;

/** The entry point for build tools: generate the IPC proxies of schemas whose interfaces name Java interfaces. */
public final class ProxyGeneration {
    private ProxyGeneration() {
    }

    /**
     * Compiles {@code files} and writes, in package {@code packageName} under {@code outputDirectory}, a
     * ProxyClient and a ProxyServer for every interface with $Java.wraps (the Java types loaded through
     * {@code loader}) and a {@code Proxies} registry.
     *
     * @return the Java files written
     */
    public static List<Path> generate(List<Path> importPaths, Path workingDirectory, List<Path> files, ClassLoader loader,
                                      String packageName, Path outputDirectory) throws SchemaCompilation.Failure, IOException {
        try {
            CompiledSchema schema = new Compiler(importPaths, workingDirectory).compile(files);
            // A Java interface and its schema that disagree fail here, with the checker's messages (both sides named).
            InterfaceChecker checker = new InterfaceChecker(schema);
            checker.checkWrapped(loader);
            List<String> problems = checker.problems().stream().distinct().toList();
            if (!problems.isEmpty()) {
                throw new SchemaCompilation.Failure(problems.size() + " disagreement(s) between the schemas and their Java"
                        + " types:\n" + String.join("\n", problems), null);
            }
            return new ProxyGenerator(schema, loader, packageName).generate(outputDirectory);
        } catch (SchemaException | JavaGenerationException e) {
            throw new SchemaCompilation.Failure(e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
