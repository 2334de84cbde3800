package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The wallet's basic script through {@code bitcoin rpc} against a running node, whichever process
 * holds the wallet: create a wallet, mine 101 blocks to it, pay a new address of its own, mine that,
 * and check the balances at each step.
 */
final class WalletRpcScript {
    private static final long NO_HANG_SECONDS = 60;

    private final Path dataDir;
    private final int port;

    WalletRpcScript(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** {@code bitcoin rpc -datadir=.. -regtest -rpcport=.. args...}. */
    Executable.Result rpc(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("rpc", "-datadir=" + dataDir, "-regtest", "-rpcport=" + port));
        all.addAll(List.of(args));
        return Executable.run("bitcoin", all.toArray(String[]::new));
    }

    /** As {@link #rpc}, requiring success; returns stdout without the final newline. */
    String ok(String... args) throws Exception {
        Executable.Result r = rpc(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
        return r.stdout().strip();
    }

    /**
     * Waits (bounded) until the wallet RPC methods are served, as a wallet process joins the node some time
     * after it starts: listwallets answers, and finalizepsbt, the last one a wallet adds, exists.
     */
    void awaitWalletRpc() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NO_HANG_SECONDS);
        Executable.Result last = rpc("-rpcwait", "-rpcwaittimeout=60", "listwallets");
        while (last.exitCode() != 0 || rpc("finalizepsbt").stderr().contains("Method not found")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the wallet RPC methods did not appear within " + NO_HANG_SECONDS + " s: " + last);
            }
            Thread.sleep(100);
            last = rpc("listwallets");
        }
    }

    /** Runs the script with a wallet called {@code wallet}; returns the txid of the payment. */
    String run(String wallet) throws Exception {
        assertTrue(ok("createwallet", wallet).contains("\"name\": \"" + wallet + "\""));
        String w = "-rpcwallet=" + wallet;
        String mineTo = ok(w, "getnewaddress");
        assertTrue(mineTo.startsWith("bcrt1q"), mineTo);
        ok("generatetoaddress", "101", mineTo);
        assertEquals(new BigDecimal("50.00000000"), new BigDecimal(ok(w, "getbalance")));
        String payTo = ok(w, "getnewaddress");
        String txid = ok(w, "sendtoaddress", payTo, "10");
        assertTrue(txid.matches("[0-9a-f]{64}"), txid);
        ok("generatetoaddress", "1", mineTo);
        BigDecimal trusted = new BigDecimal(ok(w, "getbalance"));
        assertTrue(trusted.compareTo(new BigDecimal("99.9999")) > 0 && trusted.compareTo(new BigDecimal("100")) < 0,
                "two matured coinbases less the fee of a payment to ourselves: " + trusted);
        String balances = ok(w, "getbalances");
        assertTrue(balances.contains("\"immature\": 5000.0000"), balances);
        assertTrue(ok(w, "gettransaction", txid).contains("\"confirmations\": 1"));
        return txid;
    }
}
