package org.btcmp.mpgen.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.btcmp.mpgen.ProxyGeneration;
import org.btcmp.mpgen.SchemaCompilation;
import org.btcmp.mpgen.mapping.CheckFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy generator on the checker's Store fixture: what each generated method does, and that a Java
 * interface and its schema that disagree stop generation with a message naming both sides. (The generated
 * code is compiled and run against the runtime in ipc-capnp's tests.)
 */
class ProxyGeneratorTest {
    @TempDir
    Path dir;

    private List<Path> generate(String from, String to) throws Exception {
        Path schema = CheckFixtures.storeSchema(dir.resolve("schema"), from, to);
        return ProxyGeneration.generate(List.of(schema.getParent()), schema.getParent(), List.of(Path.of("store.capnp")),
                getClass().getClassLoader(), "org.example.gen", dir.resolve("out"));
    }

    @Test
    void writesAClientAServerAndARegistryPerWrappedInterface() throws Exception {
        List<Path> written = generate("", "");
        List<String> names = written.stream().map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(List.of("Proxies.java", "StoreProxyClient.java", "StoreProxyServer.java"), names);
        String client = Files.readString(dir.resolve("out/org/example/gen/StoreProxyClient.java"));
        // echo @1: params (context, text) -> (result): the context first, the text at pointer 1.
        assertTrue(client.contains("public java.lang.String echo(java.lang.String p0) {"), client);
        assertTrue(client.contains("call(1, 0, 2, 0)"), client);
        assertTrue(client.contains("P1_0.set(call.params(), 1, p0, call.paramSide());"), client);
        // split @12: an output parameter comes back through its holder.
        assertTrue(client.contains(".set(R12_1.get(results, "), client);
        // $Java.converter and $Java.name.
        assertTrue(client.contains("= new org.example.InstantMillis();"), client);
        assertTrue(client.contains("public long getSize() {"), client);
        assertTrue(client.contains("public void close() {\n        destroy(0);"), client);
        assertTrue(!client.contains("constructOrdinal"), "Store has no construct: " + client);
        // subscribe @10 (Consumer<Item>) and apply @11 (Function<String, Integer>): java.util.function types as
        // callback interfaces, laid out for the runtime (ordinals, sizes, Context, argument and result codecs).
        String fn = "org.btcmp.ipc.capnp.proxy.FunctionCodecs";
        assertTrue(client.contains(fn + ".<java.util.function.Consumer<org.btcmp.mpgen.mapping.fixtures.Store.Item>>callback("
                + "java.util.function.Consumer.class, new " + fn + ".Callback(0x"), client);
        assertTrue(client.contains("L, 1, 0, 0, 2, 0, new org.btcmp.ipc.capnp.proxy.Codec<?>[] {org.btcmp.ipc.capnp.proxy.StructCodecs."),
                "ItemCallback.call @1, destroy @0, params (context, item): " + client);
        assertTrue(client.contains("call -> (a0) -> call.invoke(a0), (f, a) -> {\n            f.accept("
                + "(org.btcmp.mpgen.mapping.fixtures.Store.Item) a[0]);\n            return null;"), client);
        assertTrue(client.contains("call -> (a0) -> (java.lang.Integer) call.invoke(a0), (f, a) -> f.apply((java.lang.String) a[0]))"),
                client);
        String server = Files.readString(dir.resolve("out/org/example/gen/StoreProxyServer.java"));
        assertTrue(server.contains("case 1 -> serve1(call);"), server);
        assertTrue(server.contains("java.lang.String r = impl.echo(a0);"), server);
        assertTrue(server.contains("destroy();"), server);
        String registry = Files.readString(dir.resolve("out/org/example/gen/Proxies.java"));
        assertTrue(registry.contains("registry.add(org.btcmp.mpgen.mapping.fixtures.Store.class, StoreProxyClient::new,"
                + " StoreProxyServer::new);"), registry);
    }

    @Test
    void aDisagreementStopsGenerationNamingBothSides() {
        SchemaCompilation.Failure e = assertThrows(SchemaCompilation.Failure.class,
                () -> generate("echo @1 (context :Proxy.Context, text :Text)", "echo @1 (context :Proxy.Context, text :Data)"));
        assertTrue(e.getMessage().contains("Store.echo(String) in org.btcmp.mpgen.mapping.fixtures.Store vs echo @1"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Java String travels as Text, not Data"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("out/org/example/gen/StoreProxyClient.java")));
    }

    @Test
    void aJavaMethodWithoutASchemaMethodStopsGeneration() {
        SchemaCompilation.Failure e = assertThrows(SchemaCompilation.Failure.class,
                () -> generate("  size @14 (context :Proxy.Context) -> (result :Int64) $Java.name(\"getSize\");\n", ""));
        assertTrue(e.getMessage().contains("getSize"), e.getMessage());
    }
}
