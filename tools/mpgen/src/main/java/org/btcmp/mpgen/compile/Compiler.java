package org.btcmp.mpgen.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.btcmp.mpgen.parse.Declaration;
import org.btcmp.mpgen.parse.Diagnostic;
import org.btcmp.mpgen.parse.Parser;
import org.btcmp.mpgen.parse.SchemaException;
import org.btcmp.mpgen.parse.SourceFile;
import org.btcmp.mpgen.schema.CompiledSchema;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.RequestedFile;

/** Compiles schema files into schema nodes, with the ids, layouts and values the C++ compiler gives. */
public final class Compiler {
    final List<Path> importPaths;
    private final Path workingDirectory;
    private final Map<Path, Module> modulesByPath = new LinkedHashMap<>();
    private final Map<Long, CompilerNode> nodesById = new HashMap<>();
    private final Map<String, CompilerNode> builtinsByName = new HashMap<>();
    private final Map<DeclKind, CompilerNode> builtinsByKind = new HashMap<>();

    /** @param importPaths directories searched for imports that start with '/' (like capnp -I) */
    public Compiler(List<Path> importPaths) {
        this(importPaths, Path.of(""));
    }

    /**
     * @param importPaths directories searched for imports that start with '/' (like capnp -I)
     * @param workingDirectory where relative file names given to {@link #compile} are found
     */
    public Compiler(List<Path> importPaths, Path workingDirectory) {
        this.workingDirectory = workingDirectory;
        this.importPaths = importPaths.stream().map(workingDirectory::resolve).toList();
        addBuiltin("Void", DeclKind.BUILTIN_VOID, 0);
        addBuiltin("Bool", DeclKind.BUILTIN_BOOL, 0);
        addBuiltin("Int8", DeclKind.BUILTIN_INT8, 0);
        addBuiltin("Int16", DeclKind.BUILTIN_INT16, 0);
        addBuiltin("Int32", DeclKind.BUILTIN_INT32, 0);
        addBuiltin("Int64", DeclKind.BUILTIN_INT64, 0);
        addBuiltin("UInt8", DeclKind.BUILTIN_UINT8, 0);
        addBuiltin("UInt16", DeclKind.BUILTIN_UINT16, 0);
        addBuiltin("UInt32", DeclKind.BUILTIN_UINT32, 0);
        addBuiltin("UInt64", DeclKind.BUILTIN_UINT64, 0);
        addBuiltin("Float32", DeclKind.BUILTIN_FLOAT32, 0);
        addBuiltin("Float64", DeclKind.BUILTIN_FLOAT64, 0);
        addBuiltin("Text", DeclKind.BUILTIN_TEXT, 0);
        addBuiltin("Data", DeclKind.BUILTIN_DATA, 0);
        addBuiltin("List", DeclKind.BUILTIN_LIST, 1);
        addBuiltin("Object", DeclKind.BUILTIN_OBJECT, 0);
        addBuiltin("AnyPointer", DeclKind.BUILTIN_ANY_POINTER, 0);
        addBuiltin("AnyStruct", DeclKind.BUILTIN_ANY_STRUCT, 0);
        addBuiltin("AnyList", DeclKind.BUILTIN_ANY_LIST, 0);
        addBuiltin("Capability", DeclKind.BUILTIN_CAPABILITY, 0);
    }

    private void addBuiltin(String name, DeclKind kind, int params) {
        CompilerNode n = new CompilerNode(this, name, kind, params);
        builtinsByName.put(name, n);
        builtinsByKind.put(kind, n);
    }

    CompilerNode lookupBuiltin(String name) {
        return builtinsByName.get(name);
    }

    CompilerNode builtin(DeclKind kind) {
        return builtinsByKind.get(kind);
    }

    private final Map<Long, Node> auxById = new HashMap<>();

    /** A group node (made while translating its struct). */
    Node groupNode(long id) {
        return auxById.get(id);
    }

    void addAux(Node n) {
        auxById.put(n.id, n);
    }

    CompilerNode findNode(long id) {
        return nodesById.get(id);
    }

    void addNode(CompilerNode node) {
        CompilerNode previous = nodesById.putIfAbsent(node.id, node);
        if (previous != null && previous != node) {
            int at = node.decl.uid != null ? node.decl.uid.start() : node.decl.name.start();
            node.module.errors.at(at, "Duplicate ID @0x" + Long.toHexString(node.id) + ".");
            previous.module.errors.at(previous.decl.uid != null ? previous.decl.uid.start() : 0,
                    "ID @0x" + Long.toHexString(node.id) + " originally used here.");
        }
    }

    /** Loads a file once; the source name is how it is shown in display names. */
    Module load(Path path, String sourceName) {
        Path key = path.toAbsolutePath().normalize();
        Module existing = modulesByPath.get(key);
        if (existing != null) {
            return existing;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return register(key, sourceName, bytes);
    }

    private Module register(Path key, String sourceName, byte[] bytes) {
        Path path = key;
        SourceFile source = new SourceFile(sourceName, bytes);
        Declaration file = Parser.parse(source);
        Module module = new Module(this, path, sourceName, source, file);
        modulesByPath.put(key, module);
        if (file != null) {
            long id;
            if (file.uid != null) {
                id = file.uid.value();
            } else {
                id = new SecureRandom().nextLong() | Long.MIN_VALUE;
                if (!source.hadErrors()) {
                    source.error(0, "File does not declare an ID.  I've generated one for you.  Add this line to "
                            + "your file: @0x" + Long.toHexString(id) + ";");
                }
            }
            module.root = new CompilerNode(this, module, file, id);
            addNode(module.root);
        }
        return module;
    }

    /** mpgen's own schema file (e.g. "/mpgen/java.capnp") from the class path, or null. */
    Module bundled(String importName) {
        Path key = Path.of("/mpgen-bundled" + importName);
        Module existing = modulesByPath.get(key);
        if (existing != null) {
            return existing;
        }
        String resource = "/org/btcmp/mpgen/capnp/" + importName.substring(Module.BUNDLED_PREFIX.length());
        byte[] bytes;
        try (var in = Compiler.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + resource, e);
        }
        return register(key, importName.substring(1), bytes);
    }

    /**
     * Compiles the given files and everything they import.
     *
     * @throws SchemaException listing every error (file:line:column: message)
     */
    public CompiledSchema compile(List<Path> files) {
        List<Module> requested = new ArrayList<>();
        for (Path f : files) {
            String name = f.toString();
            while (name.startsWith("/")) {
                name = name.substring(1);
            }
            requested.add(load(workingDirectory.resolve(f), name));
        }
        Traversal traversal = new Traversal(this);
        for (Module m : requested) {
            if (m.root != null) {
                traversal.requested(m.root);
            }
        }
        List<Node> nodes = traversal.nodes();
        List<Diagnostic> errors = new ArrayList<>();
        for (Module m : modulesByPath.values()) {
            errors.addAll(m.source.errors());
        }
        if (!errors.isEmpty()) {
            throw new SchemaException(errors);
        }
        List<RequestedFile> requestedFiles = new ArrayList<>();
        for (Module m : requested) {
            requestedFiles.add(new RequestedFile(m.root.id, m.sourceName, importTable(m)));
        }
        return new CompiledSchema(nodes, requestedFiles);
    }

    private List<RequestedFile.Import> importTable(Module m) {
        TreeSet<String> names = new TreeSet<>(Compiler::compareBytes);
        ImportScanner.scan(m.file, names);
        List<RequestedFile.Import> result = new ArrayList<>();
        for (String name : names) {
            CompilerNode root = m.importRelative(name);
            if (root != null) {
                result.add(new RequestedFile.Import(root.id, name));
            }
        }
        return result;
    }

    private static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
