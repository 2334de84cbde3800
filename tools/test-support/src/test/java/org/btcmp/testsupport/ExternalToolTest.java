package org.btcmp.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalToolTest {

    @Test
    void aPresentToolRunsAndReportsItsOutput() throws Exception {
        ExternalTool sh = ExternalTool.require("sh", "any POSIX system has it");
        ExternalTool.Result result = sh.run(null, "-c", "echo out; echo err >&2; exit 3");
        assertEquals(new ExternalTool.Result(3, "out\n", "err\n"), result);
    }

    @Test
    void aMissingToolSkipsLoudlyOutsideCi() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TestAbortedException skip = assertThrows(TestAbortedException.class,
                () -> ExternalTool.missing("capnp is not on the PATH", false, new PrintStream(log, true, StandardCharsets.UTF_8)));
        assertEquals("MISSING TOOL: capnp is not on the PATH", skip.getMessage());
        assertEquals("!!! SKIPPED: MISSING TOOL: capnp is not on the PATH\n", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingToolFailsInCi() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> ExternalTool.missing("g++ is not on the PATH", true, new PrintStream(log, true, StandardCharsets.UTF_8)));
        assertEquals("MISSING TOOL: g++ is not on the PATH -- CI=true, so this is a failure, not a skip", failure.getMessage());
        assertEquals("", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void requireLooksOnThePath() {
        Class<? extends Throwable> expected = ExternalTool.inCi() ? AssertionFailedError.class : TestAbortedException.class;
        assertThrows(expected, () -> ExternalTool.require("btcmp-no-such-tool", "nothing provides it"));
    }
}
