package org.btcmp.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.testsupport.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client nobody here wrote drives the node: Debian's python3-bitcoinlib (RawProxy with the cookie)
 * mines, builds and signs a transaction itself, sends it and sees it mined. Needs the apt package
 * python3-bitcoinlib: skipped loudly without it, failing when CI=true.
 */
class PythonBitcoinlibSessionTest {
    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void scriptedSession(@TempDir Path dir) throws Exception {
        requireBitcoinlib();
        try (BitcoinNode node = BitcoinNode.start(NodeConfig.regtest(dir, -1))) {
            Path conf = dir.resolve("bitcoin.conf");
            Files.writeString(conf, "regtest=1\nrpcport=" + node.rpcPort() + "\n");
            Path script = Path.of(getClass().getResource("/bitcoinlib_session.py").toURI());
            Process p = new ProcessBuilder(PYTHON, script.toString(), conf.toString()).redirectErrorStream(true)
                    .start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                p.destroyForcibly();
            }
            assertTrue(done, "python session hung: " + out);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("bitcoinlib session: ok"), out);
            assertEquals(102, node.chain().height());
        }
    }

    static void requireBitcoinlib() throws Exception {
        boolean present = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import bitcoin.rpc").start().waitFor() == 0;
        if (!present) {
            ExternalTool.missing("python3-bitcoinlib is missing (apt-get install python3-bitcoinlib)");
        }
    }
}
