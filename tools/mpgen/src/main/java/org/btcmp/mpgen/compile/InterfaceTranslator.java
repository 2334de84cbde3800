package org.btcmp.mpgen.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.btcmp.mpgen.parse.Declaration;
import org.btcmp.mpgen.parse.Declaration.Kind;
import org.btcmp.mpgen.parse.Expression;
import org.btcmp.mpgen.parse.Located;
import org.btcmp.mpgen.schema.Brand;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.SourceInfo;

/** Builds an interface node: superclasses, methods, and the implicit param/result structs. */
final class InterfaceTranslator {
    private static final long STREAM_RESULT_ID = 0x995f9a3377c0b16eL;
    private final NodeTranslator t;

    InterfaceTranslator(NodeTranslator t) {
        this.t = t;
    }

    void translate(Declaration decl) {
        Node node = t.node;
        List<Node.Superclass> supers = new ArrayList<>();
        for (Expression s : decl.superclasses) {
            if (s == null) {
                continue;
            }
            BrandedDecl d = t.localBrand.compileDeclExpression(s, t.cn, BrandScope.ImplicitParams.NONE);
            if (d == null) {
                continue;
            }
            if (d.node == null) {
                t.errors.at(s, "'" + d.describe() + "' is an unbound generic parameter. Currently we don't support "
                        + "extending these.");
            } else if (d.kind() != DeclKind.INTERFACE) {
                t.errors.at(s, "'" + d.describe() + "' is not an interface.");
            } else {
                supers.add(new Node.Superclass(d.node.id, d.brand.compile(t.errors)));
            }
        }
        node.superclasses = supers;

        TreeMap<Long, List<Object[]>> byOrdinal = new TreeMap<>();
        int codeOrder = 0;
        for (Declaration m : decl.nested) {
            if (m.kind == Kind.METHOD) {
                byOrdinal.computeIfAbsent(m.ordinal.value(), k -> new ArrayList<>()).add(new Object[] {codeOrder++, m});
            }
        }
        NodeTranslator.OrdinalChecker ordinals = new NodeTranslator.OrdinalChecker(t.errors);
        List<Node.Method> methods = new ArrayList<>();
        for (List<Object[]> entries : byOrdinal.values()) {
            for (Object[] e : entries) {
                Declaration m = (Declaration) e[1];
                ordinals.check(m.ordinal);
                int ordinal = (int) m.ordinal.value() & 0xffff;
                List<String> implicit = new ArrayList<>();
                for (Located p : m.genericParams) {
                    implicit.add(p == null ? "" : p.text());
                }
                if (m.params.stream()) {
                    t.errors.at(m.params.start(), "'stream' can only appear after '->', not before.");
                }
                Brand[] paramBrand = new Brand[1];
                long paramId = paramList(m, ordinal, false, m.params, paramBrand);
                Declaration.ParamList results = m.results != null ? m.results
                        : new Declaration.ParamList(List.of(), null, false, m.start, m.start);
                Brand[] resultBrand = new Brand[1];
                long resultId = paramList(m, ordinal, true, results, resultBrand);
                node.sourceInfo.members.add(m.docComment);
                methods.add(new Node.Method(m.name.text(), (Integer) e[0], implicit, paramId, paramBrand[0], resultId,
                        resultBrand[0], t.compileAnnotations(m.annotations, Node.Target.METHOD)));
            }
        }
        node.methods = methods;
    }

    private long paramList(Declaration method, int ordinal, boolean isResults, Declaration.ParamList list,
                           Brand[] brandOut) {
        List<Located> implicitNames = method.genericParams;
        if (list.named() != null) {
            Node parent = t.node;
            Node s = new Node();
            String typeName = method.name.text() + (isResults ? "$Results" : "$Params");
            s.kind = Node.Kind.STRUCT;
            s.id = TypeIds.methodParams(parent.id, ordinal, isResults);
            s.displayName = parent.displayName + "." + typeName;
            s.displayNamePrefixLength = s.displayName.length() - typeName.length();
            s.isGeneric = parent.isGeneric || !implicitNames.isEmpty();
            s.scopeId = 0;
            // capnp 0.9.2 leaves the id of a param struct's source info unset (0); so do we.
            s.sourceInfo = new SourceInfo(0);
            new StructTranslator(t, new BrandScope.ImplicitParams(s.id, implicitNames)).translateParams(list.named(), s);
            t.auxNodes.add(s);
            BrandScope brand = t.localBrand.push(s.id, implicitNames.size());
            if (!implicitNames.isEmpty()) {
                List<BrandedDecl> implicitDecls = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (int i = 0; i < implicitNames.size(); i++) {
                    implicitDecls.add(BrandedDecl.implicitMethodParam(i));
                    names.add(implicitNames.get(i) == null ? "" : implicitNames.get(i).text());
                }
                s.parameters = names;
                // The C++ compiler builds the bound scope here but records the unbound one: the
                // method's brand names the implicit parameters by omission. We do the same.
                brand.setParams(implicitDecls, DeclKind.STRUCT, null);
            }
            brandOut[0] = brand.compile(t.errors);
            return s.id;
        } else if (list.type() != null) {
            BrandedDecl d = t.localBrand.compileDeclExpression(list.type(), t.cn,
                    new BrandScope.ImplicitParams(0, implicitNames));
            if (d == null) {
                return 0;
            }
            if (d.node == null) {
                t.errors.at(list.type(), "Cannot use generic parameter as whole input or output of a method. Instead, "
                        + "use a parameter/result list containing a field with this type.");
                return 0;
            }
            if (d.kind() != DeclKind.STRUCT) {
                t.errors.at(list.type(), "'" + Expression.toString(list.type()) + "' is not a struct type.");
                return 0;
            }
            brandOut[0] = d.brand.compile(t.errors);
            return d.node.id;
        } else {
            CompilerNode stream = t.cn.module.importRelative("/capnp/stream.capnp");
            if (stream == null) {
                t.errors.at(list.start(), "A method declaration uses streaming, but '/capnp/stream.capnp' is not "
                        + "found in the import path. This is a standard file that should always be installed with the "
                        + "Cap'n Proto compiler.");
            } else if (stream.resolveMember("StreamResult") == null) {
                t.errors.at(list.start(), "The version of '/capnp/stream.capnp' found in your import path does not "
                        + "appear to be the official one; it is missing the declaration of StreamResult.");
            }
            return STREAM_RESULT_ID;
        }
    }
}
