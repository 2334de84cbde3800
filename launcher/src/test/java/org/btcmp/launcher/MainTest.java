package org.btcmp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The wrapper's command line as Main sees it (the parsing rules themselves are tested in common). */
class MainTest {

    @Test
    void mainReportsUsageErrorsWithExitCodeOne() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(1, Main.run(new String[] {"-nosuchflag"}, o, e));
        assertEquals("Error parsing command line arguments: Invalid parameter -nosuchflag\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, Main.run(new String[] {"frobnicate"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Error: unknown command 'frobnicate'"));
        err.reset();
        assertEquals(1, Main.run(new String[0], o, e));
        err.reset();
        assertEquals(1, Main.run(new String[] {"-regtest", "-testnet", "echo"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Error: Invalid combination of -regtest"));
        assertEquals(0, Main.run(new String[] {"-help"}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: bitcoin"));
    }
}
