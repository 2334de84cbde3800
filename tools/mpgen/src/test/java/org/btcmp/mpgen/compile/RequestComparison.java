package org.btcmp.mpgen.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.mpgen.request.RequestWriter;
import org.btcmp.mpgen.schema.CompiledSchema;

/** Compiles with both compilers and compares the CodeGeneratorRequests node by node. */
final class RequestComparison {
    private RequestComparison() {
    }

    /** Our CodeGeneratorRequest bytes for the files (paths relative to dir), as capnp would be run in dir. */
    static byte[] ours(Path dir, List<Path> importPaths, List<String> files) {
        List<Path> paths = new ArrayList<>();
        for (String f : files) {
            paths.add(Path.of(f));
        }
        CompiledSchema schema = new Compiler(importPaths, dir).compile(paths);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RequestWriter.write(schema, Channels.newChannel(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Asserts the two requests have the same nodes, source infos and requested files. */
    static int assertSame(byte[] expected, byte[] actual) {
        WireDecoder.Struct e = WireDecoder.root(expected);
        WireDecoder.Struct a = WireDecoder.root(actual);
        Map<Long, WireDecoder.Struct> expectedNodes = nodes(e);
        Map<Long, WireDecoder.Struct> actualNodes = nodes(a);
        for (var entry : expectedNodes.entrySet()) {
            WireDecoder.Struct ours = actualNodes.get(entry.getKey());
            String name = displayName(entry.getValue());
            assertTrue(ours != null, "missing node " + name + " @0x" + Long.toHexString(entry.getKey()));
            String diff = WireDiff.first(name, entry.getValue(), ours);
            assertEquals(null, diff, "node " + name + " differs");
        }
        for (var entry : actualNodes.entrySet()) {
            assertTrue(expectedNodes.containsKey(entry.getKey()), "extra node " + displayName(entry.getValue()));
        }
        Map<Long, WireDecoder.Struct> expectedInfo = byId(e.pointer(3));
        Map<Long, WireDecoder.Struct> actualInfo = byId(a.pointer(3));
        // capnp keeps one of the id-less (param/result struct) source infos, which one depends on its
        // traversal order; we write them all, so each of capnp's must be among ours.
        List<String> ourUnidentified = unidentified(a.pointer(3));
        for (String info : unidentified(e.pointer(3))) {
            assertTrue(ourUnidentified.contains(info), "param/result source info " + info + " not among ours");
        }
        for (var entry : expectedInfo.entrySet()) {
            if (entry.getKey() == 0) {
                continue;
            }
            String name = "sourceInfo @0x" + Long.toHexString(entry.getKey());
            WireDecoder.Struct ours = actualInfo.get(entry.getKey());
            assertTrue(ours != null, "missing " + name);
            assertEquals(null, WireDiff.first(name, entry.getValue(), ours), name + " differs");
        }
        for (Long id : actualInfo.keySet()) {
            assertTrue(id == 0 || expectedInfo.containsKey(id), "extra sourceInfo @0x" + Long.toHexString(id));
        }
        String diff = WireDiff.first("requestedFiles", e.pointer(1), a.pointer(1));
        assertEquals(null, diff, "requested files differ");
        return expectedNodes.size();
    }

    private static Map<Long, WireDecoder.Struct> nodes(WireDecoder.Struct request) {
        return byId(request.pointer(0));
    }

    /** Entries with id 0, which capnp gives to param/result structs, as a sorted multiset. */
    private static List<String> unidentified(Object structList) {
        List<String> result = new java.util.ArrayList<>();
        if (structList != null) {
            for (Object o : ((WireDecoder.WireList) structList).elements()) {
                if (((WireDecoder.Struct) o).word(0) == 0) {
                    result.add(String.valueOf(o));
                }
            }
        }
        java.util.Collections.sort(result);
        return result;
    }

    private static Map<Long, WireDecoder.Struct> byId(Object structList) {
        Map<Long, WireDecoder.Struct> result = new LinkedHashMap<>();
        if (structList == null) {
            return result;
        }
        WireDecoder.WireList list = (WireDecoder.WireList) structList;
        for (Object o : list.elements()) {
            WireDecoder.Struct n = (WireDecoder.Struct) o;
            result.put(n.word(0), n);
        }
        return result;
    }

    static String displayName(WireDecoder.Struct node) {
        WireDecoder.WireList text = (WireDecoder.WireList) node.pointer(0);
        byte[] bytes = new byte[text.elements().size() - 1];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (long) (Long) text.elements().get(i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
