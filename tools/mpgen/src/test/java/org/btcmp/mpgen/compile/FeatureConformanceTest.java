package org.btcmp.mpgen.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our compiler against capnp on hand-written schemas that together cover the schema language. */
class FeatureConformanceTest {
    /** Feature -> the test schema that exercises it. Every schema is compared node by node. */
    static final Map<String, String> CHECKLIST = new LinkedHashMap<>();

    static {
        CHECKLIST.put("file ids, explicit nested ids, child ids hashed from parent id + name", "types.capnp");
        CHECKLIST.put("structs, enums (ordinals out of code order), nested declarations", "types.capnp");
        CHECKLIST.put("lists of every element type, List(List(T)), lists of interfaces", "types.capnp");
        CHECKLIST.put("AnyPointer, AnyStruct, AnyList, Capability", "types.capnp");
        CHECKLIST.put("using aliases, absolute names (.Name)", "types.capnp");
        CHECKLIST.put("hole filling of small fields, Void fields, empty structs", "layout.capnp");
        CHECKLIST.put("unnamed and named unions, discriminant placement, groups in unions", "layout.capnp");
        CHECKLIST.put("groups sharing parent sections, nested groups, unions in groups, group ids", "layout.capnp");
        CHECKLIST.put("retroactive union with explicit ordinal (@n!)", "layout.capnp");
        CHECKLIST.put("defaults of every primitive type incl. inf, -inf, nan, octal, hex", "defaults.capnp");
        CHECKLIST.put("Text/Data literals, escapes, concatenation, binary literals", "defaults.capnp");
        CHECKLIST.put("struct literals with unions and groups, lists of structs/lists/enums/bools", "defaults.capnp");
        CHECKLIST.put("constants of every kind, constants referencing constants", "defaults.capnp");
        CHECKLIST.put("number spellings (3., 3.e2, 00.5, 0e5), integers wrapping modulo 2^64, every string escape",
                "lexical.capnp");
        CHECKLIST.put("embed of Text, Data and struct (message) files", "defaults.capnp");
        CHECKLIST.put("interfaces, named param/result structs, param defaults incl. null", "interfaces.capnp");
        CHECKLIST.put("extends (single and multiple), struct types as params/results, stream", "interfaces.capnp");
        CHECKLIST.put("method-level generic parameters, generic interfaces", "interfaces.capnp");
        CHECKLIST.put("generic structs, bindings Foo(Text, Data), inherited parameters, nested generics",
                "generics.capnp");
        CHECKLIST.put("generic aliases, branded members Pair(A, B).Inner, unbound generics", "generics.capnp");
        CHECKLIST.put("annotations on every node kind, with struct/list/void values, wildcard targets",
                "annotations.capnp");
        CHECKLIST.put("annotations from another file ($import/$namespace style), file annotations",
                "annotations.capnp");
        CHECKLIST.put("relative imports, import paths (-I), using import \"...\".Name", "imports.capnp");
        CHECKLIST.put("unused broken declarations and missing imports in imported files are not compiled",
                "imports.capnp");
        CHECKLIST.put("files importing each other (an import cycle through types)", "cycle.capnp");
        CHECKLIST.put("doc comments (sourceInfo) of files, nodes, fields, groups, enumerants, methods", "docs.capnp");
    }

    static Path featureDir() {
        try {
            return Path.of(FeatureConformanceTest.class.getResource("/features/types.capnp").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> schemas() {
        return CHECKLIST.values().stream().distinct();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void agreesWithCapnp(String file) {
        Path dir = featureDir();
        List<Path> imports = List.of(dir, Path.of("/usr/include"));
        CapnpOracle.Result oracle = CapnpOracle.compile(dir, imports, List.of(file));
        assertEquals(0, oracle.exitCode(), oracle.stderr());
        byte[] ours = RequestComparison.ours(dir, imports, List.of(file));
        assertTrue(RequestComparison.assertSame(oracle.stdout(), ours) > 1);
    }

    @Test
    void everyChecklistSchemaExists() {
        Path dir = featureDir();
        for (String file : CHECKLIST.values()) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file);
        }
    }
}
