package org.btcmp.mpgen.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our compiler against capnp on the seven schema files Debian's libcapnp-dev installs. */
class DebianCorpusConformanceTest {
    private static final Path INCLUDE = Path.of("/usr/include");

    @ParameterizedTest
    @ValueSource(strings = {"capnp/schema.capnp", "capnp/rpc.capnp", "capnp/rpc-twoparty.capnp",
        "capnp/persistent.capnp", "capnp/c++.capnp", "capnp/compat/json.capnp", "capnp/stream.capnp"})
    void agreesWithCapnp(String file) {
        CapnpOracle.require();
        CapnpOracle.requireInstalled(INCLUDE.resolve(file));
        CapnpOracle.Result oracle = CapnpOracle.compile(INCLUDE, List.of(INCLUDE), List.of(file));
        assertEquals(0, oracle.exitCode(), oracle.stderr());
        byte[] ours = RequestComparison.ours(INCLUDE, List.of(INCLUDE), List.of(file));
        int compared = RequestComparison.assertSame(oracle.stdout(), ours);
        assertTrue(compared > 1, "compared " + compared + " nodes");
    }
}
