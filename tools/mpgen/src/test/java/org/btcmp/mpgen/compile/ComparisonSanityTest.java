package org.btcmp.mpgen.compile;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison itself must catch a one-field difference, or the conformance tests prove nothing. */
class ComparisonSanityTest {
    @Test
    void aChangedFieldTypeIsReportedWithItsPath(@TempDir Path dir) throws Exception {
        CapnpOracle.require();
        Files.writeString(dir.resolve("a.capnp"), "@0xd5e2a3c1b4f60718;\nstruct S { a @0 :UInt32; b @1 :Text; }\n");
        CapnpOracle.Result oracle = CapnpOracle.compile(dir, List.of(), List.of("a.capnp"));
        assertTrue(oracle.exitCode() == 0, oracle.stderr());
        RequestComparison.assertSame(oracle.stdout(), RequestComparison.ours(dir, List.of(), List.of("a.capnp")));
        Files.writeString(dir.resolve("a.capnp"), "@0xd5e2a3c1b4f60718;\nstruct S { a @0 :UInt16; b @1 :Text; }\n");
        byte[] changed = RequestComparison.ours(dir, List.of(), List.of("a.capnp"));
        AssertionError e = assertThrows(AssertionError.class,
                () -> RequestComparison.assertSame(oracle.stdout(), changed));
        assertTrue(e.getMessage().contains("a.capnp:S"), e.getMessage());
    }
}
