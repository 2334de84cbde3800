package org.btcmp.mpgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesARequestToStdout(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.capnp");
        Files.writeString(file, "@0xd5e2a3c1b4f60718;\nstruct S { a @0 :UInt32; }\n");
        assertEquals(0, run("compile", "--no-standard-import", "-o-", file.toString()), err.toString());
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, b.getInt(0), "one segment");
        assertEquals(b.getInt(4) * 8 + 8, out.size(), "segment size matches the output");
        String text = out.toString(StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(file.toString().substring(1) + ":S"), "display name of the struct");
    }

    @Test
    void reportsFileLineColumnAndFails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.capnp");
        Files.writeString(file, "@0xd5e2a3c1b4f60718;\nstruct S {\n  a @0 :Nope;\n}\n");
        assertEquals(1, run("compile", "--no-standard-import", "-o-", file.toString()));
        assertTrue(err.toString().contains("bad.capnp:3:9: error: Not defined: Nope"), err.toString());
        assertEquals(0, out.size(), "nothing written on error");
    }

    @Test
    void importPathsAreSearched(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("inc/lib"));
        Files.writeString(dir.resolve("inc/lib/t.capnp"), "@0xd5e2a3c1b4f60719;\nstruct T {}\n");
        Path file = dir.resolve("a.capnp");
        Files.writeString(file, "@0xd5e2a3c1b4f60718;\nstruct S { t @0 :import \"/lib/t.capnp\".T; }\n");
        assertEquals(1, run("compile", "--no-standard-import", file.toString()));
        assertTrue(err.toString().contains("Import failed: /lib/t.capnp"), err.toString());
        err.reset();
        assertEquals(0, run("compile", "--no-standard-import", "-I", dir.resolve("inc").toString(), file.toString()),
                err.toString());
    }

    @Test
    void rejectsBadUsage(@TempDir Path dir) {
        assertEquals(1, run("compile"));
        assertTrue(err.toString().contains("no schema files"));
        assertEquals(1, run("compile", dir.resolve("missing.capnp").toString()));
        assertTrue(err.toString().contains("no such file"));
        assertEquals(1, run("compile", "--frobnicate", "x.capnp"));
        assertTrue(err.toString().contains("unknown option"));
    }

    @Test
    void writesJavaSources(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.capnp");
        Files.writeString(file, "@0xd5e2a3c1b4f60718;\nusing Java = import \"/mpgen/java.capnp\";\n"
                + "$Java.package(\"com.example\");\n$Java.outerClassname(\"Things\");\n"
                + "struct S { a @0 :UInt32; }\n");
        Path out = dir.resolve("out");
        assertEquals(0, run("compile", "--no-standard-import", "-o", "java:" + out, file.toString()), err.toString());
        String java = Files.readString(out.resolve("com/example/Things.java"));
        assertTrue(java.contains("package com.example;"), java);
        assertTrue(java.contains("public final int getA()"), java);
    }

    @Test
    void javaOutputNeedsAPackage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.capnp");
        Files.writeString(file, "@0xd5e2a3c1b4f60718;\nstruct S { a @0 :UInt32; }\n");
        assertEquals(1, run("compile", "--no-standard-import", "-o", "java:" + dir.resolve("out"), file.toString()));
        assertTrue(err.toString().contains("needs $Java.package"), err.toString());
    }
}
