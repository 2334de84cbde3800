package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.btcmp.testsupport.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client nobody here wrote drives the wallet: Debian's python3-bitcoinlib (RawProxy with a
 * service_url ending in /wallet/<name>) does getnewaddress, sendtoaddress and gettransaction against
 * the in-process node and wallets. Needs the apt package python3-bitcoinlib: skipped loudly without
 * it, failing when CI=true.
 */
class PythonBitcoinlibWalletTest {
    private static final String PYTHON = "/usr/bin/python3";
    /** -fallbackfee 0.0002 BTC/kvB, so sendtoaddress without a fee rate works as in a configured node. */
    private static final long FALLBACK_FEE = 20_000;

    @Test
    void pythonClientSendsAndReadsThroughWalletEndpoints(@TempDir Path dir) throws Exception {
        requireBitcoinlib();
        try (NodeWithWallets n = new NodeWithWallets(dir, FALLBACK_FEE)) {
            n.call("createwallet", "[\"alice\"]");
            n.call("createwallet", "[\"bob\"]");
            Path script = Path.of(getClass().getResource("/bitcoinlib_wallet_session.py").toURI());
            Path cookie = n.node.config().networkDir().resolve(".cookie");
            Process p = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(n.node.rpcPort()), cookie.toString())
                    .redirectErrorStream(true).start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                p.destroyForcibly();
            }
            assertTrue(done, "python session hung: " + out);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("bitcoinlib wallet session: ok"), out);
            assertEquals(new BigDecimal("1.25000000"), n.call("/wallet/bob", "getbalance", "[]"));
        }
    }

    private static void requireBitcoinlib() throws Exception {
        boolean present = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import bitcoin.rpc").start().waitFor() == 0;
        if (!present) {
            ExternalTool.missing("python3-bitcoinlib is missing (apt-get install python3-bitcoinlib)");
        }
    }
}
