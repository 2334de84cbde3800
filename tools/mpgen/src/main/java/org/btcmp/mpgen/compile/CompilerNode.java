package org.btcmp.mpgen.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.mpgen.parse.Declaration;
import org.btcmp.mpgen.schema.Node;

/**
 * One declaration that becomes a schema node (file, struct, enum, interface, const, annotation),
 * or a built-in type. Knows its id, display name and the names visible in it; holds its translation.
 */
final class CompilerNode {
    final Compiler compiler;
    final Module module;
    final CompilerNode parent;
    final Declaration decl;
    final long id;
    final String displayName;
    final DeclKind kind;
    final int genericParamCount;

    private boolean expanded;
    private final Map<String, CompilerNode> nested = new LinkedHashMap<>();
    final List<CompilerNode> orderedNested = new ArrayList<>();
    private final Map<String, Alias> aliases = new HashMap<>();

    /** Translation state: null until translated; the node and its groups / param structs. */
    NodeTranslator translator;
    boolean translating;

    /** A file's root node. */
    CompilerNode(Compiler compiler, Module module, Declaration fileDecl, long id) {
        this.compiler = compiler;
        this.module = module;
        this.parent = null;
        this.decl = fileDecl;
        this.id = id;
        this.displayName = module.sourceName;
        this.kind = DeclKind.FILE;
        this.genericParamCount = 0;
    }

    /** A nested declaration. */
    CompilerNode(CompilerNode parent, Declaration decl) {
        this.compiler = parent.compiler;
        this.module = parent.module;
        this.parent = parent;
        this.decl = decl;
        this.id = decl.uid != null ? decl.uid.value() : TypeIds.child(parent.id, decl.name.text());
        this.displayName = parent.displayName + (parent.parent == null ? ':' : '.') + decl.name.text();
        this.kind = DeclKind.valueOf(decl.kind.name());
        this.genericParamCount = decl.genericParams.size();
    }

    /** A built-in type such as Int32 or List. */
    CompilerNode(Compiler compiler, String name, DeclKind kind, int genericParamCount) {
        this.compiler = compiler;
        this.module = null;
        this.parent = null;
        this.decl = null;
        this.id = 1000 + kind.ordinal();
        this.displayName = name;
        this.kind = kind;
        this.genericParamCount = genericParamCount;
    }

    /** Creates the child nodes of this declaration (once). */
    void expand() {
        if (expanded || kind.isBuiltin()) {
            return;
        }
        expanded = true;
        for (Declaration d : decl.nested) {
            switch (d.kind) {
                case CONST, ANNOTATION, ENUM, STRUCT, INTERFACE -> {
                    CompilerNode child = new CompilerNode(this, d);
                    compiler.addNode(child);
                    orderedNested.add(child);
                    nested.putIfAbsent(d.name.text(), child);
                }
                case USING -> aliases.putIfAbsent(d.name.text(), new Alias(this, d));
                default -> {
                }
            }
        }
    }

    /** Resolves every alias declared here (so their errors are reported). */
    void compileAliases() {
        expand();
        aliases.values().forEach(Alias::compile);
    }

    /** Looks a name up here, then in the generic parameters, then in enclosing scopes, then built-ins. */
    Resolved resolve(String name) {
        Resolved member = resolveMember(name);
        if (member != null) {
            return member;
        }
        if (decl != null) {
            for (int i = 0; i < decl.genericParams.size(); i++) {
                if (decl.genericParams.get(i) != null && decl.genericParams.get(i).text().equals(name)) {
                    return new Resolved.Param(id, i);
                }
            }
        }
        if (parent != null) {
            return parent.resolve(name);
        }
        CompilerNode b = compiler.lookupBuiltin(name);
        return b == null ? null : new Resolved.Decl(b, 0, null);
    }

    /** Looks up a nested declaration or alias of this node. */
    Resolved resolveMember(String name) {
        if (kind.isBuiltin()) {
            return null;
        }
        expand();
        CompilerNode child = nested.get(name);
        if (child != null) {
            return new Resolved.Decl(child, id, null);
        }
        Alias alias = aliases.get(name);
        return alias == null ? null : alias.compile();
    }

    /** The translated node, translating on first use; null if it failed. */
    NodeTranslator translated() {
        if (translator == null) {
            if (translating) {
                module.errors.at(decl.name.start(), "Declaration recursively depends on itself.");
                return null;
            }
            translating = true;
            try {
                NodeTranslator t = new NodeTranslator(this);
                t.translate();
                translator = t;
                t.auxNodes.forEach(compiler::addAux);
            } finally {
                translating = false;
            }
        }
        return translator;
    }

    Node node() {
        NodeTranslator t = translated();
        return t == null ? null : t.node;
    }

    /** A {@code using} alias: its target resolved once, in the scope where it is declared. */
    static final class Alias {
        private final CompilerNode parent;
        private final Declaration decl;
        private boolean initialized;
        private Resolved target;

        Alias(CompilerNode parent, Declaration decl) {
            this.parent = parent;
            this.decl = decl;
        }

        Resolved compile() {
            if (!initialized) {
                initialized = true;
                BrandScope scope = new BrandScope(parent.module.errors, parent);
                BrandedDecl d = scope.compileDeclExpression(decl.target, parent, BrandScope.ImplicitParams.NONE);
                if (d != null) {
                    target = d.node == null ? d.param
                            : new Resolved.Decl(d.node, scope.scopeId(), d.brand.compile(parent.module.errors));
                }
            }
            return target;
        }
    }
}
