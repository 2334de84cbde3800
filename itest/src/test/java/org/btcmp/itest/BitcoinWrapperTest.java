package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code bin/bitcoin} as a user runs it: a real JVM, a real Felix, the real bundle jars. */
class BitcoinWrapperTest {

    @Test
    void echoPrintsItsArgumentThroughTheNodesInit() throws Exception {
        Executable.Result result = Executable.run("bitcoin", "echo", "hello");
        assertEquals("", result.stderr(), "normal operation writes nothing to stderr");
        assertEquals("hello\n", result.stdout());
        assertEquals(0, result.exitCode());
    }

    @Test
    void echoJoinsItsWordsAndKeepsUnicode() throws Exception {
        Executable.Result result = Executable.run("bitcoin", "echo", "hello", "wörld", "✓");
        assertEquals("hello wörld ✓\n", result.stdout());
        assertEquals(0, result.exitCode());
    }

    @Test
    void anUnknownOptionIsOneLineNamingItAndExitCodeOne() throws Exception {
        Executable.Result result = Executable.run("bitcoin", "-nosuchflag");
        assertEquals("Error parsing command line arguments: Invalid parameter -nosuchflag\n", result.stderr());
        assertEquals("", result.stdout());
        assertEquals(1, result.exitCode());
    }

    @Test
    void anUnknownCommandFails() throws Exception {
        Executable.Result result = Executable.run("bitcoin", "frobnicate");
        assertTrue(result.stderr().startsWith("Error: unknown command 'frobnicate'"), result.stderr());
        assertEquals(1, result.exitCode());
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Executable.Result result = Executable.run("bitcoin", "-help");
        assertEquals(0, result.exitCode());
        assertTrue(result.stdout().contains("Usage: bitcoin"), result.stdout());
        assertTrue(result.stdout().contains("echo <text...>"), result.stdout());
        assertEquals("", result.stderr());
    }
}
