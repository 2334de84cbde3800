package org.btcmp.mpgen.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.btcmp.mpgen.parse.Declaration;
import org.btcmp.mpgen.parse.Declaration.Kind;
import org.btcmp.mpgen.parse.Expression;
import org.btcmp.mpgen.parse.LocatedInteger;
import org.btcmp.mpgen.schema.Field;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.SourceInfo;
import org.btcmp.mpgen.schema.Type;

/**
 * Lays out a struct (or a method's param/result struct): walks members in code order to build the
 * scopes, then places fields in ordinal order, as the C++ compiler's StructTranslator.
 */
final class StructTranslator {
    private final NodeTranslator t;
    private final BrandScope.ImplicitParams implicit;
    private final StructLayout layout = new StructLayout();
    private final TreeMap<Long, List<Member>> membersByOrdinal = new TreeMap<>();
    private final List<Member> allMembers = new ArrayList<>();
    private final List<Node> groups = new ArrayList<>();

    StructTranslator(NodeTranslator t, BrandScope.ImplicitParams implicit) {
        this.t = t;
        this.implicit = implicit;
    }

    /** A field, union or group being placed; also the struct itself (the root). */
    private final class Member {
        final Member parent;
        final int codeOrder;
        int index;
        int childCount;
        int childInitializedCount;
        int unionDiscriminantCount;
        final boolean isInUnion;
        final String name;
        final LocatedInteger ordinal;
        final Kind kind;
        boolean isParam;
        Expression fieldType;
        Expression defaultValue;
        List<Declaration.AnnotationApplication> annotations = List.of();
        int start;
        String docComment;
        Field schema;
        final Node node;
        StructLayout.Scope fieldScope;
        StructLayout.Union unionScope;

        Member(Node root) {
            parent = null;
            codeOrder = 0;
            isInUnion = false;
            name = null;
            ordinal = null;
            kind = Kind.STRUCT;
            node = root;
        }

        Member(Member parent, int codeOrder, Declaration d, StructLayout.Scope scope, boolean isInUnion) {
            this.parent = parent;
            this.codeOrder = codeOrder;
            this.isInUnion = isInUnion;
            this.name = d.name.text();
            this.ordinal = d.ordinal;
            this.kind = Kind.FIELD;
            this.annotations = d.annotations;
            this.start = d.start;
            this.docComment = d.docComment;
            this.fieldType = d.type;
            this.defaultValue = d.value;
            this.fieldScope = scope;
            this.node = null;
        }

        Member(Member parent, int codeOrder, Declaration.Param p, StructLayout.Scope scope) {
            this.parent = parent;
            this.codeOrder = codeOrder;
            this.isInUnion = false;
            this.name = p.name().text();
            this.ordinal = null;
            this.kind = Kind.FIELD;
            this.isParam = true;
            this.annotations = p.annotations();
            this.start = p.start();
            this.fieldType = p.type();
            this.defaultValue = p.defaultValue();
            this.fieldScope = scope;
            this.node = null;
        }

        Member(Member parent, int codeOrder, Declaration d, Node groupNode, boolean isInUnion) {
            this.parent = parent;
            this.codeOrder = codeOrder;
            this.isInUnion = isInUnion;
            this.name = d.name.text();
            this.ordinal = d.ordinal;
            this.kind = d.kind;
            this.annotations = d.annotations;
            this.start = d.start;
            this.docComment = d.docComment;
            this.node = groupNode;
        }

        Field schema() {
            if (schema == null) {
                index = parent.childInitializedCount;
                Field f = parent.addMemberSchema();
                if (isInUnion) {
                    f.discriminantValue = parent.unionDiscriminantCount++;
                }
                f.name = name;
                f.codeOrder = codeOrder;
                parent.node.sourceInfo.members.set(index, docComment);
                schema = f;
            }
            return schema;
        }

        Field addMemberSchema() {
            if (childInitializedCount == 0 && parent != null) {
                schema();
            }
            Field f = new Field();
            node.fields.add(f);
            node.sourceInfo.members.add(null);
            ++childInitializedCount;
            return f;
        }

        void finishGroup() {
            if (unionScope != null) {
                unionScope.addDiscriminant();
                node.discriminantCount = unionDiscriminantCount;
                node.discriminantOffset = unionScope.discriminantOffset;
            }
            if (parent != null) {
                long groupId = TypeIds.group(parent.node.id, index);
                node.id = groupId;
                node.scopeId = parent.node.id;
                node.sourceInfo.id = groupId;
                node.sourceInfo.docComment = docComment;
                Field f = schema();
                f.isGroup = true;
                f.groupTypeId = groupId;
            }
        }
    }

    void translate(List<Declaration> members, Node node) {
        Member root = new Member(node);
        traverseTopOrGroup(members, root, layout.top);
        translateInternal(root, node);
    }

    void translateParams(List<Declaration.Param> params, Node node) {
        Member root = new Member(node);
        for (int i = 0; i < params.size(); i++) {
            Declaration.Param p = params.get(i);
            if (p == null) {
                continue;
            }
            root.childCount++;
            Member m = new Member(root, i, p, layout.top);
            allMembers.add(m);
            membersByOrdinal.computeIfAbsent((long) i, k -> new ArrayList<>()).add(m);
        }
        translateInternal(root, node);
    }

    private Node newGroupNode(Node parent, String name) {
        Node n = new Node();
        n.kind = Node.Kind.STRUCT;
        n.displayName = parent.displayName + "." + name;
        n.displayNamePrefixLength = n.displayName.length() - name.length();
        n.isGeneric = parent.isGeneric;
        n.isGroup = true;
        n.sourceInfo = new SourceInfo(0);
        groups.add(n);
        t.auxNodes.add(n);
        return n;
    }

    private void addOrdinal(long ordinal, Member m) {
        membersByOrdinal.computeIfAbsent(ordinal, k -> new ArrayList<>()).add(m);
    }

    private void traverseUnion(Declaration decl, List<Declaration> members, Member parent, StructLayout.Union union,
                               int[] codeOrder) {
        if (members.size() < 2) {
            t.errors.at(decl.start, "Union must have at least two members.");
        }
        for (Declaration m : members) {
            switch (m.kind) {
                case FIELD -> {
                    parent.childCount++;
                    Member info = new Member(parent, codeOrder[0]++, m, new StructLayout.Group(union), true);
                    allMembers.add(info);
                    addOrdinal(m.ordinal.value(), info);
                }
                case UNION -> {
                    if (m.name.text().isEmpty()) {
                        t.errors.at(m.start, "Unions cannot contain unnamed unions.");
                    } else {
                        parent.childCount++;
                        StructLayout.Group singleton = new StructLayout.Group(union);
                        StructLayout.Union inner = new StructLayout.Union(singleton);
                        Member info = new Member(parent, codeOrder[0]++, m, newGroupNode(parent.node, m.name.text()), true);
                        allMembers.add(info);
                        info.unionScope = inner;
                        traverseUnion(m, m.nested, info, inner, new int[1]);
                        if (m.ordinal != null) {
                            addOrdinal(m.ordinal.value(), info);
                        }
                    }
                }
                case GROUP -> {
                    parent.childCount++;
                    StructLayout.Group group = new StructLayout.Group(union);
                    Member info = new Member(parent, codeOrder[0]++, m, newGroupNode(parent.node, m.name.text()), true);
                    allMembers.add(info);
                    traverseGroup(m.nested, info, group);
                }
                default -> {
                }
            }
        }
    }

    private void traverseGroup(List<Declaration> members, Member parent, StructLayout.Scope scope) {
        if (members.isEmpty()) {
            t.errors.at(parent.start, "Group must have at least one member.");
        }
        traverseTopOrGroup(members, parent, scope);
    }

    private void traverseTopOrGroup(List<Declaration> members, Member parent, StructLayout.Scope scope) {
        int[] codeOrder = new int[1];
        for (Declaration m : members) {
            switch (m.kind) {
                case FIELD -> {
                    parent.childCount++;
                    Member info = new Member(parent, codeOrder[0]++, m, scope, false);
                    allMembers.add(info);
                    addOrdinal(m.ordinal.value(), info);
                }
                case UNION -> {
                    StructLayout.Union union = new StructLayout.Union(scope);
                    Member info;
                    int[] subCodeOrder;
                    if (m.name.text().isEmpty()) {
                        info = parent;
                        subCodeOrder = codeOrder;
                    } else {
                        parent.childCount++;
                        info = new Member(parent, codeOrder[0]++, m, newGroupNode(parent.node, m.name.text()), false);
                        allMembers.add(info);
                        subCodeOrder = new int[1];
                    }
                    info.unionScope = union;
                    traverseUnion(m, m.nested, info, union, subCodeOrder);
                    if (m.ordinal != null) {
                        addOrdinal(m.ordinal.value(), info);
                    }
                }
                case GROUP -> {
                    parent.childCount++;
                    Member info = new Member(parent, codeOrder[0]++, m, newGroupNode(parent.node, m.name.text()), false);
                    allMembers.add(info);
                    traverseGroup(m.nested, info, scope);
                }
                default -> {
                }
            }
        }
    }

    private void translateInternal(Member root, Node node) {
        try {
            placeMembers(root, node);
        } catch (StructLayout.Issue344 e) {
            t.errors.at(t.cn.decl.start, e.getMessage());
        }
    }

    private void placeMembers(Member root, Node node) {
        NodeTranslator.OrdinalChecker ordinals = new NodeTranslator.OrdinalChecker(t.errors);
        for (var entry : membersByOrdinal.entrySet()) {
            for (Member member : entry.getValue()) {
                if (member.ordinal != null) {
                    ordinals.check(member.ordinal);
                }
                Field f = member.schema();
                f.ordinal = (int) (long) entry.getKey();
                if (member.kind == Kind.FIELD) {
                    placeField(member, f);
                } else if (!member.unionScope.addDiscriminant()) {
                    t.errors.at(member.ordinal.start(), "Union ordinal, if specified, must be greater than no more "
                            + "than one of its member ordinals (i.e. there can only be one field retroactively "
                            + "unionized).");
                }
            }
        }
        root.finishGroup();
        for (Member m : allMembers) {
            Node.Target target;
            if (m.isParam) {
                target = Node.Target.PARAM;
            } else if (m.kind == Kind.UNION) {
                m.finishGroup();
                target = Node.Target.UNION;
            } else if (m.kind == Kind.GROUP) {
                m.finishGroup();
                target = Node.Target.GROUP;
            } else {
                target = Node.Target.FIELD;
            }
            m.schema().annotations = t.compileAnnotations(m.annotations, target);
        }
        node.dataWordCount = layout.top.dataWordCount;
        node.pointerCount = layout.top.pointerCount;
        for (Node g : groups) {
            g.dataWordCount = node.dataWordCount;
            g.pointerCount = node.pointerCount;
        }
    }

    private void placeField(Member member, Field f) {
        Type type = t.compileType(member.fieldType, implicit);
        if (type == null) {
            type = new Type(Type.Which.VOID);
        }
        f.type = type;
        f.defaultValue = NodeTranslator.defaultDefault(type);
        if (member.defaultValue != null) {
            if (member.isParam && member.defaultValue instanceof Expression.RelativeName r
                    && r.name().text().equals("null")) {
                if (!type.isPointer()) {
                    t.errors.at(r.start(), "Only pointer parameters can declare their default as 'null'.");
                }
            } else {
                t.compileBootstrapValue(member.defaultValue, type, v -> f.defaultValue = v);
            }
            f.hadExplicitDefault = true;
        }
        int lgSize = type.lgSize();
        if (lgSize == -2) {
            f.offset = member.fieldScope.addPointer();
        } else if (lgSize == -1) {
            member.fieldScope.addVoid();
            f.offset = 0;
        } else {
            f.offset = member.fieldScope.addData(lgSize);
        }
    }
}
