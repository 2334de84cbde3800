package org.btcmp.mpgen.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.btcmp.mpgen.InterfaceCheck;
import org.btcmp.mpgen.compile.CapnpOracle;
import org.btcmp.mpgen.mapping.fixtures.Store;
import org.btcmp.testsupport.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A skeleton is accepted by mpgen's checker and by the C++ capnp compiler. */
class SkeletonWriterTest {
    private static final long FILE_ID = 0xe3b0c44298fc1c14L;

    @TempDir
    Path dir;

    private Path writeSkeleton(Class<?> type) throws Exception {
        Files.createDirectories(dir.resolve("mp"));
        Files.createDirectories(dir.resolve("mpgen"));
        Files.writeString(dir.resolve("mp/proxy.capnp"), CheckFixtures.resource("mp/proxy.capnp"));
        try (var in = SkeletonWriter.class.getResourceAsStream("/org/btcmp/mpgen/capnp/java.capnp")) {
            Files.write(dir.resolve("mpgen/java.capnp"), in.readAllBytes());
        }
        Path file = dir.resolve("skeleton.capnp");
        Files.writeString(file, SkeletonWriter.write(type, FILE_ID));
        return file;
    }

    @Test
    void theSkeletonFollowsTheMethodRules() throws Exception {
        String text = Files.readString(writeSkeleton(Store.class));
        assertTrue(text.contains("@0xe3b0c44298fc1c14;"), text);
        assertTrue(text.contains("interface Store $Java.wraps(\"org.btcmp.mpgen.mapping.fixtures.Store\") {\n"
                + "  destroy @0 (context :Proxy.Context) -> ();\n"), text);
        assertTrue(text.contains("(context :Proxy.Context) -> (result :Int32, hasResult :Bool);"), "OptionalInt: " + text);
        assertTrue(text.contains("-> (arg1 :Text, arg2 :Int32);") || text.contains("-> (head :Text, count :Int32);"),
                "output parameters: " + text);
        assertTrue(text.contains("enum Kind $Java.wraps(\"org.btcmp.mpgen.mapping.fixtures.Store$Kind\") {\n"
                + "  plain @0;\n  withParts @1;\n}"), text);
        assertTrue(text.contains("  note @3 :Text;\n  hasNote @4 :Bool;\n"), text);
        assertTrue(text.contains("# TODO: Instant is a class with no automatic mapping"), text);
    }

    @Test
    void theCheckerAcceptsTheSkeletonExceptWhereAConverterIsNeeded() throws Exception {
        Path file = writeSkeleton(Store.class);
        List<String> problems = InterfaceCheck.check(List.of(dir), dir, List.of(dir.relativize(file)),
                getClass().getClassLoader(), List.of(Store.class.getName()));
        assertEquals(2, problems.size(), problems::toString);
        problems.forEach(p -> assertTrue(p.startsWith("Store.when(Instant) in org.btcmp.mpgen.mapping.fixtures.Store vs when @"), p));
    }

    @Test
    void theCheckerAcceptsASkeletonOfMappableTypesWithoutAnyProblem() throws Exception {
        Path file = writeSkeleton(Mappable.class);
        assertEquals(List.of(), InterfaceCheck.check(List.of(dir), dir, List.of(dir.relativize(file)),
                getClass().getClassLoader(), List.of(Mappable.class.getName())));
    }

    @Test
    void capnpCompilesTheSkeleton() throws Exception {
        CapnpOracle.require();
        Path file = writeSkeleton(Store.class);
        ExternalTool.Result r = ExternalTool.require("capnp", "apt-get install capnproto")
                .run(dir, "compile", "--no-standard-import", "-I" + dir, "-ocapnp", dir.relativize(file).toString());
        assertEquals(0, r.status(), r.stderr());
        assertTrue(r.stdout().contains("interface Store @0x"), "capnpc-capnp echoes the schema: " + r.stdout());
        assertTrue(r.stdout().contains("$import \"/mpgen/java.capnp\".wraps(\"org.btcmp.mpgen.mapping.fixtures.Store\")"),
                r.stdout());
    }

    @Test
    void capnpCompilesTheSkeletonOfEveryTypeHook() throws Exception {
        CapnpOracle.require();
        Path file = writeSkeleton(Mappable.class);
        ExternalTool.Result r = ExternalTool.require("capnp", "apt-get install capnproto")
                .run(dir, "compile", "--no-standard-import", "-I" + dir, "-ocapnp", dir.relativize(file).toString());
        assertEquals(0, r.status(), r.stderr());
        assertTrue(r.stdout().contains("struct Entry @0x"), r.stdout());
    }

    @Test
    void onlyInterfacesWithMethodsGetSkeletons() {
        assertThrows(IllegalArgumentException.class, () -> SkeletonWriter.write(String.class, FILE_ID));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SkeletonWriter.write(Runnable.class, FILE_ID));
        assertTrue(e.getMessage().contains("callback"), e.getMessage());
    }

    /** Every type hook but converters, including a nested capability with its own records. */
    public interface Mappable extends AutoCloseable {
        record Entry(String key_name, java.util.Optional<Long> value, java.util.Set<Store.Kind> kinds) {
        }

        java.util.Map<String, Entry> entries(java.util.List<byte[]> keys, java.util.function.Supplier<String> names);

        Store.Kind[] kinds(java.util.concurrent.atomic.AtomicLong total);

        Mappable self();

        void onEntry(java.util.function.BiConsumer<String, Entry> listener);

        @Override
        void close();
    }
}
