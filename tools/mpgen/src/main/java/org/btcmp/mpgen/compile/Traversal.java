package org.btcmp.mpgen.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.btcmp.mpgen.schema.Brand;
import org.btcmp.mpgen.schema.Field;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.Type;

/**
 * Decides which declarations get compiled, as capnp does for a code generator request: everything
 * in the requested files, plus (transitively) the types, annotations and superclasses they use and
 * the scopes those are declared in. Unused parts of imported files are never compiled, so their
 * errors are not reported, exactly as with capnp.
 */
final class Traversal {
    private static final int NODE = 1;
    private static final int PARENTS = 1 << 1;
    private static final int CHILDREN = 1 << 2;
    private static final int DEPENDENCIES = NODE << 15;
    private static final int DEPENDENCY_PARENTS = PARENTS * DEPENDENCIES;

    private final Compiler compiler;
    private final Map<CompilerNode, Integer> seen = new HashMap<>();
    private final LinkedHashSet<CompilerNode> compiled = new LinkedHashSet<>();

    Traversal(Compiler compiler) {
        this.compiler = compiler;
    }

    /** Compiles a requested file with everything capnp compiles for it. */
    void requested(CompilerNode file) {
        traverse(file, NODE | CHILDREN | DEPENDENCIES | DEPENDENCY_PARENTS);
    }

    /** The compiled nodes with their groups and param/result structs, in compile order. */
    List<Node> nodes() {
        List<Node> result = new ArrayList<>();
        for (CompilerNode n : compiled) {
            result.add(n.translator.node);
            result.addAll(n.translator.auxNodes);
        }
        return result;
    }

    private void traverse(CompilerNode n, int eagerness) {
        int slot = seen.getOrDefault(n, 0);
        if ((slot & eagerness) == eagerness) {
            return;
        }
        seen.put(n, slot | eagerness);
        NodeTranslator t = n.translated();
        if (t != null) {
            t.finish();
            compiled.add(n);
            if (eagerness / DEPENDENCIES != 0) {
                int next = (eagerness & ~(DEPENDENCIES - 1)) | (eagerness / DEPENDENCIES);
                dependencies(t.node, next);
                for (Node aux : t.auxNodes) {
                    dependencies(aux, next);
                }
            }
        }
        if ((eagerness & PARENTS) != 0 && n.parent != null) {
            traverse(n.parent, eagerness);
        }
        if ((eagerness & CHILDREN) != 0) {
            n.expand();
            for (CompilerNode child : n.orderedNested) {
                traverse(child, eagerness);
            }
            n.compileAliases();
        }
    }

    private void dependencies(Node node, int eagerness) {
        switch (node.kind) {
            case STRUCT -> {
                for (Field f : node.fields) {
                    if (!f.isGroup) {
                        type(f.type, eagerness);
                    }
                    annotations(f.annotations, eagerness);
                }
            }
            case ENUM -> node.enumerants.forEach(e -> annotations(e.annotations(), eagerness));
            case INTERFACE -> {
                for (Node.Superclass s : node.superclasses) {
                    dependency(s.id(), eagerness);
                    brand(s.brand(), eagerness);
                }
                for (Node.Method m : node.methods) {
                    dependency(m.paramStructType(), eagerness);
                    brand(m.paramBrand(), eagerness);
                    dependency(m.resultStructType(), eagerness);
                    brand(m.resultBrand(), eagerness);
                    annotations(m.annotations(), eagerness);
                }
            }
            case CONST, ANNOTATION -> type(node.type, eagerness);
            default -> {
            }
        }
        annotations(node.annotations, eagerness);
    }

    private void type(Type type, int eagerness) {
        if (type == null) {
            return;
        }
        switch (type.which) {
            case STRUCT, ENUM, INTERFACE -> {
                dependency(type.typeId, eagerness);
                brand(type.brand, eagerness);
            }
            case LIST -> type(type.elementType, eagerness);
            default -> {
            }
        }
    }

    private void brand(Brand brand, int eagerness) {
        if (brand == null) {
            return;
        }
        for (Brand.Scope scope : brand.scopes()) {
            if (scope.bindings() != null) {
                for (Type t : scope.bindings()) {
                    type(t, eagerness);
                }
            }
        }
    }

    private void annotations(List<Node.Annotation> annotations, int eagerness) {
        for (Node.Annotation a : annotations) {
            dependency(a.id(), eagerness);
        }
    }

    /** Ids not found are method param/result structs (they are part of their interface). */
    private void dependency(long id, int eagerness) {
        CompilerNode n = compiler.findNode(id);
        if (n != null) {
            traverse(n, eagerness);
        }
    }
}
