package org.btcmp.mpgen.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.btcmp.mpgen.parse.Declaration;
import org.btcmp.mpgen.parse.Declaration.Kind;
import org.btcmp.mpgen.parse.Expression;
import org.btcmp.mpgen.parse.Located;
import org.btcmp.mpgen.parse.LocatedInteger;
import org.btcmp.mpgen.schema.Brand;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.SourceInfo;
import org.btcmp.mpgen.schema.Type;
import org.btcmp.mpgen.schema.Value;

/** Builds the schema node of one declaration (and its group / param-struct nodes). */
final class NodeTranslator {
    final CompilerNode cn;
    final Errors errors;
    final Node node = new Node();
    final List<Node> auxNodes = new ArrayList<>();
    final BrandScope localBrand;
    final ValueCompiler values;
    private final List<Runnable> unfinished = new ArrayList<>();
    private boolean finishing;

    NodeTranslator(CompilerNode cn) {
        this.cn = cn;
        this.errors = cn.module.errors;
        this.localBrand = new BrandScope(errors, cn);
        this.values = new ValueCompiler(this);
    }

    void translate() {
        Declaration decl = cn.decl;
        node.id = cn.id;
        node.displayName = cn.displayName;
        int lastDot = cn.displayName.lastIndexOf('.');
        node.displayNamePrefixLength = lastDot + 1;
        int lastColon = cn.displayName.lastIndexOf(':');
        if (lastColon >= 0 && lastColon > node.displayNamePrefixLength) {
            node.displayNamePrefixLength = lastColon + 1;
        }
        node.scopeId = cn.parent == null ? 0 : cn.parent.id;
        node.sourceInfo = new SourceInfo(node.id);
        node.sourceInfo.docComment = decl.docComment;
        cn.expand();
        for (CompilerNode child : cn.orderedNested) {
            node.nestedNodes.add(new Node.NestedNode(child.decl.name.text(), child.id));
        }
        new NameChecker(errors).check(decl.nested, decl.kind);
        List<String> params = new ArrayList<>();
        for (Located p : decl.genericParams) {
            params.add(p == null ? "" : p.text());
        }
        node.parameters = params;
        node.isGeneric = localBrand.isGeneric();
        Node.Target target;
        switch (decl.kind) {
            case FILE -> {
                node.kind = Node.Kind.FILE;
                target = Node.Target.FILE;
            }
            case CONST -> {
                node.kind = Node.Kind.CONST;
                node.type = compileType(decl.type, BrandScope.ImplicitParams.NONE);
                if (node.type != null) {
                    node.value = defaultDefault(node.type);
                    compileBootstrapValue(decl.value, node.type, v -> node.value = v);
                }
                target = Node.Target.CONST;
            }
            case ANNOTATION -> {
                node.kind = Node.Kind.ANNOTATION;
                node.type = compileType(decl.type, BrandScope.ImplicitParams.NONE);
                compileTargets(decl.targets);
                target = Node.Target.ANNOTATION;
            }
            case ENUM -> {
                node.kind = Node.Kind.ENUM;
                compileEnum(decl);
                target = Node.Target.ENUM;
            }
            case STRUCT -> {
                node.kind = Node.Kind.STRUCT;
                new StructTranslator(this, BrandScope.ImplicitParams.NONE).translate(decl.nested, node);
                target = Node.Target.STRUCT;
            }
            case INTERFACE -> {
                node.kind = Node.Kind.INTERFACE;
                new InterfaceTranslator(this).translate(decl);
                target = Node.Target.INTERFACE;
            }
            default -> throw new IllegalStateException("not a node: " + decl.kind);
        }
        node.annotations = compileAnnotations(decl.annotations, target);
    }

    /** Compiles the pointer values that had to wait until every node's layout was known. */
    void finish() {
        if (finishing) {
            return;
        }
        finishing = true;
        for (int i = 0; i < unfinished.size(); i++) {
            unfinished.get(i).run();
        }
    }

    /** Sets the target flags; the parser has reported unknown, duplicate and mixed wildcard targets. */
    private void compileTargets(List<Located> targets) {
        for (Located t : targets) {
            if (t == null) {
                continue;
            }
            for (Node.Target candidate : Node.Target.values()) {
                if (t.text().equals("*") || candidate.name().toLowerCase(java.util.Locale.ROOT).equals(t.text())) {
                    node.targets[candidate.ordinal()] = true;
                }
            }
        }
    }

    private void compileEnum(Declaration decl) {
        TreeMap<Long, List<Object[]>> byOrdinal = new TreeMap<>();
        int codeOrder = 0;
        for (Declaration m : decl.nested) {
            if (m.kind == Kind.ENUMERANT) {
                byOrdinal.computeIfAbsent(m.ordinal.value(), k -> new ArrayList<>())
                        .add(new Object[] {codeOrder++, m});
            }
        }
        OrdinalChecker ordinals = new OrdinalChecker(errors);
        List<Node.Enumerant> list = new ArrayList<>();
        for (List<Object[]> entries : byOrdinal.values()) {
            for (Object[] e : entries) {
                Declaration m = (Declaration) e[1];
                ordinals.check(m.ordinal);
                list.add(new Node.Enumerant(m.name.text(), (Integer) e[0],
                        compileAnnotations(m.annotations, Node.Target.ENUMERANT)));
                node.sourceInfo.members.add(m.docComment);
            }
        }
        node.enumerants = list;
    }

    Type compileType(Expression source, BrandScope.ImplicitParams implicit) {
        BrandedDecl d = localBrand.compileDeclExpression(source, cn, implicit);
        return d == null ? null : d.compileAsType(errors);
    }

    static Value defaultDefault(Type type) {
        return Value.of(type.which, 0);
    }

    /** Compiles a value now if it is a data value, or once all layouts are known if it is a pointer. */
    void compileBootstrapValue(Expression source, Type type, Consumer<Value> sink) {
        if (type.isPointer()) {
            unfinished.add(() -> {
                Value v = values.compile(source, type);
                if (v != null) {
                    sink.accept(v);
                }
            });
        } else {
            Value v = values.compile(source, type);
            if (v != null) {
                sink.accept(v);
            }
        }
    }

    List<Node.Annotation> compileAnnotations(List<Declaration.AnnotationApplication> apps, Node.Target target) {
        if (apps.isEmpty()) {
            return List.of();
        }
        List<Node.Annotation> result = new ArrayList<>();
        for (Declaration.AnnotationApplication app : apps) {
            int index = result.size();
            result.add(new Node.Annotation(0, null, Value.of(Type.Which.VOID, 0)));
            BrandedDecl d = localBrand.compileDeclExpression(app.name(), cn, BrandScope.ImplicitParams.NONE);
            if (d == null) {
                continue;
            }
            if (d.kind() != DeclKind.ANNOTATION) {
                errors.at(app.name(), "'" + Expression.toString(app.name()) + "' is not an annotation.");
                continue;
            }
            Brand brand = d.brand.compile(errors);
            long id = d.node.id;
            result.set(index, new Node.Annotation(id, brand, Value.of(Type.Which.VOID, 0)));
            Node annotation = d.node.node();
            if (annotation == null || annotation.type == null) {
                continue;
            }
            if (!annotation.targets[target.ordinal()]) {
                errors.at(app.name(), "'" + Expression.toString(app.name())
                        + "' cannot be applied to this kind of declaration.");
            }
            Type type = ValueCompiler.substitute(annotation.type, brand);
            if (app.value() == null) {
                if (type.which != Type.Which.VOID) {
                    errors.at(app.name(), "'" + Expression.toString(app.name()) + "' requires a value.");
                    result.set(index, new Node.Annotation(id, brand, defaultDefault(type)));
                }
            } else {
                result.set(index, new Node.Annotation(id, brand, defaultDefault(type)));
                compileBootstrapValue(app.value(), type, v -> result.set(index, new Node.Annotation(id, brand, v)));
            }
        }
        return result;
    }

    /** Reports ordinals that repeat or skip, in ordinal order (the C++ compiler's rule). */
    static final class OrdinalChecker {
        private final Errors errors;
        private long expected;
        private LocatedInteger last;

        OrdinalChecker(Errors errors) {
            this.errors = errors;
        }

        void check(LocatedInteger ordinal) {
            if (ordinal.value() < expected) {
                errors.at(ordinal.start(), "Duplicate ordinal number.");
                if (last != null) {
                    errors.at(last.start(), "Ordinal @" + last.value() + " originally used here.");
                    last = null;
                }
            } else if (ordinal.value() > expected) {
                errors.at(ordinal.start(), "Skipped ordinal @" + expected
                        + ".  Ordinals must be sequential with no holes.");
                expected = ordinal.value() + 1;
            } else {
                ++expected;
                last = ordinal;
            }
        }
    }
}
