package org.btcmp.mpgen.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import org.btcmp.mpgen.parse.Declaration;
import org.btcmp.mpgen.parse.SourceFile;

/** One loaded schema file: its source, parse tree and root node. */
final class Module {
    /** Imports under this prefix are mpgen's own schema files, found on the class path. */
    static final String BUNDLED_PREFIX = "/mpgen/";

    final Compiler compiler;
    final Path path;
    final String sourceName;
    final SourceFile source;
    final Errors errors;
    final Declaration file;
    CompilerNode root;

    Module(Compiler compiler, Path path, String sourceName, SourceFile source, Declaration file) {
        this.compiler = compiler;
        this.path = path;
        this.sourceName = sourceName;
        this.source = source;
        this.errors = new Errors(source);
        this.file = file;
    }

    /** Root node of an imported file: "/x" searches the import paths, "x" is relative to this file. */
    CompilerNode importRelative(String name) {
        Module m;
        if (name.startsWith(BUNDLED_PREFIX)
                && compiler.importPaths.stream().noneMatch(d -> Files.isRegularFile(d.resolve(name.substring(1))))) {
            m = compiler.bundled(name);
        } else if (name.startsWith("/")) {
            m = null;
            for (Path dir : compiler.importPaths) {
                Path candidate = dir.resolve(name.substring(1));
                if (Files.isRegularFile(candidate)) {
                    m = compiler.load(candidate, name.substring(1));
                    break;
                }
            }
        } else {
            Path candidate = path.toAbsolutePath().getParent().resolve(name).normalize();
            String dir = sourceName.contains("/") ? sourceName.substring(0, sourceName.lastIndexOf('/') + 1) : "";
            m = Files.isRegularFile(candidate) ? compiler.load(candidate, Path.of(dir + name).normalize().toString())
                    : null;
        }
        return m == null || m.root == null ? null : m.root;
    }
}
