package org.btcmp.mpgen.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.mpgen.schema.CompiledSchema;
import org.btcmp.mpgen.schema.Field;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.Type;

/** Lookups and printing over a compiled schema, as the checker needs them. */
final class SchemaIndex {
    /** A struct field as the mapping sees it: the field, and its Bool {@code has<Field>} flag if any. */
    record Slot(Field field, Field presence) {
        String name() {
            return field.name;
        }
    }

    private final Map<Long, Node> nodes = new HashMap<>();

    SchemaIndex(CompiledSchema schema) {
        for (Node n : schema.nodes()) {
            nodes.put(n.id, n);
        }
    }

    Node node(long id) {
        Node n = nodes.get(id);
        if (n == null) {
            throw new IllegalStateException("schema node @0x" + Long.toHexString(id) + " is not in the compiled set");
        }
        return n;
    }

    Iterable<Node> all() {
        return nodes.values();
    }

    /** The file a node is declared in, e.g. "echo.capnp" (from its display name: param structs have no scope). */
    static String fileOf(Node n) {
        int colon = n.displayName.indexOf(':');
        return colon < 0 ? n.displayName : n.displayName.substring(0, colon);
    }

    /** The name of a node inside its file, e.g. "Proxy" scope dropped: "Context", "Outer.Inner". */
    static String localName(Node n) {
        int colon = n.displayName.indexOf(':');
        return colon < 0 ? n.displayName : n.displayName.substring(colon + 1);
    }

    /** Fields in ordinal order, each Bool {@code hasX} beside a field {@code x} folded into x's slot. */
    List<Slot> slots(Node struct) {
        List<Field> fields = new ArrayList<>(struct.fields);
        fields.sort(Comparator.comparingInt(f -> f.ordinal >= 0 ? f.ordinal : f.codeOrder));
        Map<String, Field> byName = new HashMap<>();
        fields.forEach(f -> byName.put(f.name, f));
        Map<String, Slot> slots = new LinkedHashMap<>();
        for (Field f : fields) {
            Field flagged = flagged(f, byName);
            if (flagged == null) {
                slots.putIfAbsent(f.name, new Slot(f, null));
            }
        }
        for (Field f : fields) {
            Field flagged = flagged(f, byName);
            if (flagged != null) {
                slots.put(flagged.name, new Slot(flagged, f));
            }
        }
        return new ArrayList<>(slots.values());
    }

    /** The field a Bool {@code hasX} flags, or null. */
    private static Field flagged(Field f, Map<String, Field> byName) {
        if (f.isGroup || f.type.which != Type.Which.BOOL || !f.name.startsWith("has") || f.name.length() == 3) {
            return null;
        }
        String rest = f.name.substring(3);
        return byName.get(Character.toLowerCase(rest.charAt(0)) + rest.substring(1));
    }

    /** A schema type as written in a schema: "Text", "List(Int32)", "Echo". */
    String describe(Type t) {
        return switch (t.which) {
            case LIST -> "List(" + describe(t.elementType) + ")";
            case ENUM, STRUCT, INTERFACE -> {
                Node n = nodes.get(t.typeId);
                yield n == null ? "@0x" + Long.toHexString(t.typeId) : localName(n);
            }
            default -> name(t.which);
        };
    }

    /** The schema spelling of a built-in type: Bool, Int32, Text, AnyPointer. */
    static String name(Type.Which which) {
        return switch (which) {
            case VOID -> "Void";
            case BOOL -> "Bool";
            case INT8 -> "Int8";
            case INT16 -> "Int16";
            case INT32 -> "Int32";
            case INT64 -> "Int64";
            case UINT8 -> "UInt8";
            case UINT16 -> "UInt16";
            case UINT32 -> "UInt32";
            case UINT64 -> "UInt64";
            case FLOAT32 -> "Float32";
            case FLOAT64 -> "Float64";
            case TEXT -> "Text";
            case DATA -> "Data";
            case LIST -> "List";
            case ENUM -> "enum";
            case STRUCT -> "struct";
            case INTERFACE -> "interface";
            case ANY_POINTER -> "AnyPointer";
        };
    }

    /** A method as written in a schema: "echo @1 (context :Context, echo :Text) -> (result :Text)". */
    String describe(Node.Method m, int ordinal) {
        return m.name() + " @" + ordinal + " " + fieldList(m.paramStructType()) + " -> " + fieldList(m.resultStructType());
    }

    private String fieldList(long structId) {
        Node s = node(structId);
        if (!s.displayName.endsWith("$Params") && !s.displayName.endsWith("$Results")) {
            return localName(s);
        }
        StringBuilder sb = new StringBuilder("(");
        List<Field> fields = new ArrayList<>(s.fields);
        fields.sort(Comparator.comparingInt(f -> f.ordinal >= 0 ? f.ordinal : f.codeOrder));
        for (Field f : fields) {
            sb.append(sb.length() > 1 ? ", " : "").append(f.name).append(" :")
                    .append(f.isGroup ? "group" : describe(f.type));
        }
        return sb.append(')').toString();
    }
}
