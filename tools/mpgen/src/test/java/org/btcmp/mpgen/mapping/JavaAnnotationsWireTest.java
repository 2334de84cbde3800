package org.btcmp.mpgen.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.btcmp.mpgen.compile.Compiler;
import org.btcmp.mpgen.schema.CompiledSchema;
import org.btcmp.mpgen.schema.Field;
import org.btcmp.mpgen.schema.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java-name annotations are annotations only: ids, layouts, types and ordinals stay as without them. */
class JavaAnnotationsWireTest {
    @TempDir
    Path dir;

    @Test
    void theAnnotationIdsAreThoseOfTheBundledFile() throws Exception {
        Path file = dir.resolve("uses.capnp");
        Files.writeString(file, "@0xd1f2b3a4c5d6e7f9;\nusing Java = import \"/mpgen/java.capnp\";\n"
                + "struct S $Java.wraps(\"x.S\") { a @0 :Int8 $Java.name(\"b\") $Java.converter(\"x.C\"); }\n");
        Map<String, Long> ids = new TreeMap<>();
        for (Node n : new Compiler(List.of(), dir).compile(List.of(Path.of("uses.capnp"))).nodes()) {
            ids.put(n.displayName, n.id);
        }
        assertEquals(JavaAnnotations.WRAPS, ids.get("mpgen/java.capnp:wraps"), ids::toString);
        assertEquals(JavaAnnotations.NAME, ids.get("mpgen/java.capnp:name"), ids::toString);
        assertEquals(JavaAnnotations.CONVERTER, ids.get("mpgen/java.capnp:converter"), ids::toString);
    }

    @Test
    void removingEveryJavaAnnotationChangesNothingOnTheWire() throws Exception {
        Path annotated = CheckFixtures.storeSchema(dir.resolve("a"), "", "");
        String text = Files.readString(annotated);
        String plain = text.replaceAll("\\$Java\\.\\w+\\(\"[^\"]*\"\\)", "");
        assertNotEquals(text, plain);
        Path stripped = CheckFixtures.storeSchema(dir.resolve("b"), "", "");
        Files.writeString(stripped, plain);
        assertEquals(wire(dir.resolve("a")), wire(dir.resolve("b")));
    }

    /** Everything a peer depends on, node by node: ids, names, layouts, field types and offsets, methods. */
    private static List<String> wire(Path dir) {
        CompiledSchema schema = new Compiler(List.of(dir), dir).compile(List.of(Path.of("store.capnp")));
        List<String> lines = new ArrayList<>();
        for (Node n : schema.nodes()) {
            if (n.displayName.startsWith("mpgen/")) {
                continue;
            }
            lines.add(n.displayName + " @" + Long.toHexString(n.id) + " " + n.kind + " " + n.dataWordCount + "/" + n.pointerCount);
            for (Field f : n.fields) {
                lines.add("  " + f.name + " @" + f.ordinal + " " + f.type.which + " " + f.type.typeId + " +" + f.offset);
            }
            for (Node.Enumerant e : n.enumerants) {
                lines.add("  " + e.name() + " " + e.codeOrder());
            }
            for (Node.Method m : n.methods) {
                lines.add("  " + m.name() + " " + m.paramStructType() + " -> " + m.resultStructType());
            }
        }
        lines.sort(null);
        return lines;
    }
}
