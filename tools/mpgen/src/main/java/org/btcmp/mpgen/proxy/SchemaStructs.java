package org.btcmp.mpgen.proxy;

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

/** Struct lookups for the proxy generator: nodes by id, and fields as slots with their has<Field> flags. */
final class SchemaStructs {
    /** A field, and the Bool {@code has<Field>} beside it, if any. */
    record Slot(Field field, Field presence) {
        String name() {
            return field.name;
        }
    }

    private final Map<Long, Node> nodes = new HashMap<>();

    SchemaStructs(CompiledSchema schema) {
        schema.nodes().forEach(n -> nodes.put(n.id, n));
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

    /** Fields in ordinal order, a Bool {@code hasX} beside a field {@code x} folded into x's slot. */
    static List<Slot> slots(Node struct) {
        List<Field> fields = new ArrayList<>(struct.fields);
        fields.sort(Comparator.comparingInt(f -> f.ordinal >= 0 ? f.ordinal : f.codeOrder));
        Map<String, Field> byName = new HashMap<>();
        fields.forEach(f -> byName.put(f.name, f));
        Map<String, Slot> slots = new LinkedHashMap<>();
        for (Field f : fields) {
            if (flagged(f, byName) == null) {
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

    private static Field flagged(Field f, Map<String, Field> byName) {
        if (f.isGroup || f.type.which != Type.Which.BOOL || !f.name.startsWith("has") || f.name.length() == 3) {
            return null;
        }
        String rest = f.name.substring(3);
        return byName.get(Character.toLowerCase(rest.charAt(0)) + rest.substring(1));
    }
}
