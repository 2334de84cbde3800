package org.btcmp.mpgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void idPrintsAFreshIdWithTheTopBitSet() {
        assertEquals(0, run("id"));
        String first = out.toString(StandardCharsets.UTF_8).trim();
        assertTrue(first.matches("@0x[89a-f][0-9a-f]{15}"), first);
        out.reset();
        run("id");
        assertNotEquals(first, out.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void formatIsFixedWidthHex() {
        assertEquals("@0xcc316e3f71a040fb", FileIds.format(0xcc316e3f71a040fbL));
        assertTrue(FileIds.newId(new Random(0)) < 0, "top bit set");
    }

    @Test
    void unknownCommandsFail() {
        assertEquals(1, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
        assertEquals(1, run());
        assertEquals(1, run("id", "extra"));
    }
}
