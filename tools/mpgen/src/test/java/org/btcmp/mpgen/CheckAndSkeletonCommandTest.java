package org.btcmp.mpgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.btcmp.mpgen.mapping.CheckFixtures;
import org.btcmp.mpgen.mapping.fixtures.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpgen check} and {@code mpgen skeleton} on the command line, with a class path of test classes. */
class CheckAndSkeletonCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String testClasses() throws Exception {
        return Path.of(Store.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void checkPassesOnAgreementAndFailsNamingBothSides() throws Exception {
        Path file = CheckFixtures.storeSchema(dir, "", "");
        assertEquals(0, run("check", "--no-standard-import", "-I", dir.toString(), "-cp", testClasses(), file.toString()),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("agree"));

        CheckFixtures.storeSchema(dir, "(context :Proxy.Context, label :Text,", "(context :Proxy.Context, label :Int32,");
        assertEquals(1, run("check", "--no-standard-import", "-I" + dir, "-cp", testClasses(), file.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("Store.find(String, Optional<Kind>) in org.btcmp.mpgen.mapping.fixtures.Store vs find @6 "), e);
        assertTrue(e.contains("parameter 1 vs label :Int32: Java String travels as Text, not Int32"), e);
        assertTrue(e.contains("1 disagreement(s)"), e);
    }

    @Test
    void checkRejectsBadArguments() throws Exception {
        assertEquals(1, run("check"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no schema files given"));
        assertEquals(1, run("check", "nowhere.capnp"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nowhere.capnp: no such file"));
        Path file = CheckFixtures.storeSchema(dir, "", "");
        assertEquals(1, run("check", "-I" + dir, "--interface", "org.example.Nowhere", file.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("org.example.Nowhere: not on the class path"));
        assertEquals(1, run("check", "--frob", file.toString()));
        assertEquals(1, run("check", file.toString(), "-cp"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("-cp needs a value"));
    }

    @Test
    void skeletonWritesAFileTheCheckAccepts() throws Exception {
        CheckFixtures.storeSchema(dir, "", "");
        Files.createDirectories(dir.resolve("mpgen"));
        try (var in = Main.class.getResourceAsStream("/org/btcmp/mpgen/capnp/java.capnp")) {
            Files.write(dir.resolve("mpgen/java.capnp"), in.readAllBytes());
        }
        Path skeleton = dir.resolve("echo-like.capnp");
        String name = "org.btcmp.mpgen.CheckAndSkeletonCommandTest$Greeter";
        assertEquals(0, run("skeleton", name, "-cp", testClasses(), "-o", skeleton.toString()), err.toString(StandardCharsets.UTF_8));
        String text = Files.readString(skeleton);
        assertTrue(text.matches("(?s).*\n@0x[89a-f][0-9a-f]{15};\n.*"), text);
        assertTrue(text.contains("  destroy @0 (context :Proxy.Context) -> ();\n"), text);
        assertTrue(text.contains("  greet @1 (context :Proxy.Context, "), text);
        assertEquals(0, run("check", "--no-standard-import", "-I" + dir, "-cp", testClasses(), skeleton.toString()),
                err.toString(StandardCharsets.UTF_8));

        assertEquals(1, run("skeleton", name, "-cp", testClasses(), "-o", skeleton.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("exists; not overwriting"));
        assertEquals(text, Files.readString(skeleton), "the existing schema is untouched");

        assertEquals(0, run("skeleton", name));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("interface Greeter $Java.wraps(\"" + name + "\")"));
    }

    @Test
    void skeletonRejectsBadArguments() {
        assertEquals(1, run("skeleton"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("name the Java interface"));
        assertEquals(1, run("skeleton", "org.example.Nowhere"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("org.example.Nowhere is not on the class path (use -cp)"));
        assertEquals(1, run("skeleton", "java.lang.String"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not an interface"));
        assertEquals(1, run("skeleton", "a.B", "c.D"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("one interface at a time"));
    }

    /** A small interface for the skeleton command. */
    public interface Greeter extends AutoCloseable {
        String greet(String name, int times);

        @Override
        void close();
    }
}
