package org.btcmp.mpgen.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.mpgen.compile.Compiler;
import org.btcmp.mpgen.schema.CompiledSchema;
import org.btcmp.mpgen.schema.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code generated for interfaces (resources/iface/shop.capnp): it matches the reviewed golden file, and,
 * compiled on capnproto-java and the RPC runtime together with checkers written against its API, it
 * behaves (resources/iface/*.java.txt): structs with capability fields and List(Interface) fields (through
 * the wrapper's org.capnproto.PointerList), and typed clients calling server
 * bases through the runtime's in-process capabilities. Calls over connections and against C++ are
 * tested in bundles/ipc-capnp.
 */
class InterfaceCodeTest {
    private static final String GOLDEN = "iface/Shop.java.golden";

    @TempDir
    static Path dir;
    private static Path generated;
    private static Class<?> structCheck;
    private static Class<?> callCheck;
    private static CompiledSchema schema;

    @BeforeAll
    static void generateAndCompile() throws Exception {
        copyResource("/iface/shop.capnp", dir.resolve("shop.capnp"));
        schema = new Compiler(List.of(), dir).compile(List.of(Path.of("shop.capnp")));
        Path gen = dir.resolve("gen");
        List<Path> sources = new ArrayList<>(JavaGenerator.generate(schema, gen));
        generated = sources.get(0);
        for (String checker : List.of("StructCheck", "CallCheck")) {
            Path source = gen.resolve("org/btcmp/mpgen/iface/" + checker + ".java");
            copyResource("/iface/" + checker + ".java.txt", source);
            sources.add(source);
        }
        Path classes = dir.resolve("classes");
        RpcRuntimeSources.compile(sources, dir, classes);
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                InterfaceCodeTest.class.getClassLoader());
        structCheck = loader.loadClass("org.btcmp.mpgen.iface.StructCheck");
        callCheck = loader.loadClass("org.btcmp.mpgen.iface.CallCheck");
    }

    @Test
    void generatedCodeMatchesTheGoldenFile() throws IOException {
        String actual = Files.readString(generated);
        String expected;
        try (InputStream in = InterfaceCodeTest.class.getResourceAsStream("/" + GOLDEN)) {
            expected = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (!expected.equals(actual)) {
            // Review the difference, then copy this file over src/test/resources/ + GOLDEN.
            Path candidate = Path.of("target", GOLDEN);
            Files.createDirectories(candidate.getParent());
            Files.writeString(candidate, actual);
            assertEquals(expected, actual, "generated code changed; candidate written to " + candidate.toAbsolutePath());
        }
    }

    @Test
    void capabilityFieldsHoldCapTableIndexes() throws Exception {
        assertEquals(List.of(), structCheck.getMethod("capabilityFields").invoke(null));
    }

    @Test
    void methodStructsHaveTheirLayoutAndNestedDeclarationsStay() throws Exception {
        assertEquals(List.of(), structCheck.getMethod("shapes").invoke(null));
    }

    @Test
    void typedClientsCallServerBasesWithCapabilitiesBothWays() throws Exception {
        assertEquals(List.of(), callCheck.getMethod("typedCalls").invoke(null));
    }

    @Test
    void capabilityListsTravelAsListsOfClients() throws Exception {
        assertEquals(List.of(), callCheck.getMethod("capabilityLists").invoke(null));
    }

    @Test
    void pipelinedGettersAndSuperinterfaceMethods() throws Exception {
        assertEquals(List.of(), callCheck.getMethod("pipelinedAndInherited").invoke(null));
    }

    @Test
    void pipelinedGettersReachCapabilitiesInStructFields() throws Exception {
        assertEquals(List.of(), callCheck.getMethod("pipelinedThroughAStruct").invoke(null));
    }

    @Test
    void methodsNotOverriddenAnswerUnimplemented() throws Exception {
        assertEquals(List.of(), callCheck.getMethod("unimplemented").invoke(null));
    }

    @Test
    void interfaceClassesCarryTheirIds() throws Exception {
        ClassLoader loader = structCheck.getClassLoader();
        for (Node n : schema.nodes()) {
            if (n.kind == Node.Kind.INTERFACE) {
                Class<?> cls = loader.loadClass("org.btcmp.mpgen.iface.Shop$" + n.shortName());
                assertEquals(n.id, cls.getField("TYPE_ID").getLong(null), n.displayName);
                for (int ordinal = 0; ordinal < n.methods.size(); ordinal++) {
                    String constant = InterfaceNames.methodIdConstant(n.methods.get(ordinal));
                    assertEquals(ordinal, cls.getField(constant).getShort(null), n.displayName + "." + constant);
                }
            }
        }
    }

    @Test
    void implicitMethodStructsAreNamedAfterTheirMethod() {
        JavaNames names = new JavaNames(schema, null);
        Node register = schema.nodes().stream().filter(n -> n.displayName.endsWith(":Register")).findFirst().orElseThrow();
        Node.Method open = register.methods.get(0);
        assertEquals("org.btcmp.mpgen.iface.Shop.Register.OpenParams", names.className(open.paramStructType()));
        assertEquals("org.btcmp.mpgen.iface.Shop.Register.OpenResults", names.className(open.resultStructType()));
        Node.Method order = register.methods.get(1);
        assertEquals("org.btcmp.mpgen.iface.Shop.Order", names.className(order.paramStructType()));
        assertTrue(names.isMethodStruct(open.paramStructType()));
        assertTrue(!names.isMethodStruct(order.paramStructType()));
    }

    @Test
    void aNestedDeclarationNamedLikeAGeneratedClassIsRefused(@TempDir Path other) throws IOException {
        Files.writeString(other.resolve("clash.capnp"), "@0xe1f2a3b4c5d6e7f9;\n"
                + "interface Calc {\n  echo @0 () -> ();\n  struct EchoParams { a @0 :Int8; }\n}\n");
        CompiledSchema clash = new Compiler(List.of(), other).compile(List.of(Path.of("clash.capnp")));
        JavaGenerationException e = assertThrows(JavaGenerationException.class,
                () -> JavaGenerator.generate(clash, other.resolve("gen"), "p"));
        assertTrue(e.getMessage().contains("clash.capnp:Calc") && e.getMessage().contains("'EchoParams'"),
                e.getMessage());
    }

    @Test
    void aNestedConstantNamedLikeAMethodIdIsRefused(@TempDir Path other) throws IOException {
        Files.writeString(other.resolve("ids.capnp"), "@0xe1f2a3b4c5d6e7f9;\n"
                + "interface Calc {\n  echo @0 () -> ();\n  const echoMethod :Int16 = 7;\n}\n");
        CompiledSchema clash = new Compiler(List.of(), other).compile(List.of(Path.of("ids.capnp")));
        JavaGenerationException e = assertThrows(JavaGenerationException.class,
                () -> JavaGenerator.generate(clash, other.resolve("gen"), "p"));
        assertTrue(e.getMessage().contains("ids.capnp:Calc") && e.getMessage().contains("ECHO_METHOD"), e.getMessage());
    }

    @Test
    void aMethodNamedLikeAJavaKeywordIsRefused(@TempDir Path other) throws IOException {
        Files.writeString(other.resolve("kw.capnp"), "@0xe1f2a3b4c5d6e7f9;\ninterface Factory {\n  new @0 () -> ();\n}\n");
        CompiledSchema keyword = new Compiler(List.of(), other).compile(List.of(Path.of("kw.capnp")));
        JavaGenerationException e = assertThrows(JavaGenerationException.class,
                () -> JavaGenerator.generate(keyword, other.resolve("gen"), "p"));
        assertTrue(e.getMessage().contains("kw.capnp:Factory.new"), e.getMessage());
    }

    private static void copyResource(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = InterfaceCodeTest.class.getResourceAsStream(name)) {
            assertTrue(in != null, "missing resource " + name);
            Files.copy(in, target);
        }
    }
}
