package org.btcmp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void optionsComeBeforeTheCommand() throws Exception {
        CommandLine line = CommandLine.parse(new String[] {"-version", "echo", "-help", "x"});
        assertTrue(line.isSet("version"));
        assertFalse(line.isSet("help"), "options after the command belong to the command");
        assertEquals(List.of("echo", "-help", "x"), line.arguments());
    }

    @Test
    void negationAndValuesAreCoreStyle() throws Exception {
        assertFalse(CommandLine.parse(new String[] {"-noversion"}).isSet("version"));
        assertFalse(CommandLine.parse(new String[] {"-version=0"}).isSet("version"));
        assertTrue(CommandLine.parse(new String[] {"--version"}).isSet("version"));
    }

    @Test
    void anUnknownOptionIsOneLineInCoresWords() {
        CommandLine.UsageException e = assertThrows(CommandLine.UsageException.class,
                () -> CommandLine.parse(new String[] {"-nosuchflag"}));
        assertEquals("Error parsing command line arguments: Invalid parameter -nosuchflag", e.getMessage());
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(new String[] {"-datadir=/x"}));
    }

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
        assertEquals(0, Main.run(new String[] {"-help"}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: bitcoin"));
    }
}
