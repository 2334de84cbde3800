package org.btcmp.node.rpc;

import org.btcmp.primitives.ChainParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.btcmp.node.chain.TestKey;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Hex;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.script.Address;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a node child JVM at seeded random moments while it mines and accepts transactions;
 * every restart must reach a consistent tip whose UTXO set equals the one recomputed from the
 * blocks' JSON, and no acknowledged block may be lost.
 */
class CrashTest {
    private static final TestKey KEY = new TestKey("crash-test");
    private static final String ADDRESS = Address.fromScript(KEY.script, ChainParams.of(ChainType.REGTEST)).orElseThrow();

    @Test
    void twentyKills(@TempDir Path dir) throws Exception {
        run(dir, Integer.getInteger("crash.kills", 20), Long.getLong("crash.seed", 20261125L));
    }

    @Test
    @Tag("slow")
    void fiveHundredKills(@TempDir Path dir) throws Exception {
        run(dir, 500, 500L);
    }

    private void run(Path dir, int kills, long seed) throws Exception {
        Random random = new Random(seed);
        AtomicLong acknowledgedHeight = new AtomicLong();
        ChainRecomputation recompute = new ChainRecomputation();
        long started = System.nanoTime();
        for (int round = 0; round <= kills; round++) {
            Process node = startNode(dir);
            try {
                RpcClient rpc = waitForRpc(dir, node);
                long height = (Long) rpc.call("getblockcount", "[]");
                assertTrue(height >= acknowledgedHeight.get(), "round " + round + ": tip " + height
                        + " lost acknowledged height " + acknowledgedHeight.get());
                Map<String, ChainRecomputation.Utxo> utxos = recompute.sync(rpc);
                recompute.assertNodeAgrees(rpc);
                if (round == kills) {
                    System.err.printf("CrashTest: %d kills, tip %d, %d coins, %d blocks fetched, %.1f s%n", kills,
                            height, utxos.size(), recompute.blocksFetched(), (System.nanoTime() - started) / 1e9);
                    assertTrue(utxos.values().stream().anyMatch(u -> !u.coinbase()),
                            "transactions were mined between the kills");
                    assertEquals("Bitcoin Core stopping", rpc.call("stop", "[]"));
                    assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not exit after stop");
                    assertEquals(0, node.exitValue());
                    assertEquals("", Files.readString(dir.resolve("node-output.log")),
                            "normal operation writes nothing to stdout or stderr");
                    return;
                }
                if (height < 110) {
                    rpc.call("generatetoaddress", "[" + (110 - height) + ", \"" + ADDRESS + "\"]");
                    acknowledgedHeight.set(110);
                    utxos = recompute.sync(rpc);
                }
                long killAt = System.currentTimeMillis() + 20 + random.nextInt(1500);
                drive(rpc, utxos, random, killAt, acknowledgedHeight);
            } finally {
                node.destroyForcibly();
                node.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Mines and sends spends of mature coins until {@code killAt}; the caller then kills the node. */
    private void drive(RpcClient rpc, Map<String, ChainRecomputation.Utxo> utxos, Random random, long killAt,
            AtomicLong acknowledged) {
        long tip;
        try {
            tip = (Long) rpc.call("getblockcount", "[]");
        } catch (Exception e) {
            return;
        }
        List<String> spendable = new ArrayList<>();
        for (Map.Entry<String, ChainRecomputation.Utxo> e : utxos.entrySet()) {
            ChainRecomputation.Utxo u = e.getValue();
            if (u.scriptHex().equals(KEY.script.toHex()) && (!u.coinbase() || tip + 1 - u.height() >= 100)) {
                spendable.add(e.getKey());
            }
        }
        java.util.Collections.shuffle(spendable, random);
        Set<String> used = new HashSet<>();
        while (System.currentTimeMillis() < killAt) {
            try {
                if (random.nextInt(3) == 0) {
                    List<?> h = (List<?>) rpc.call("generatetoaddress", "[1, \"" + ADDRESS + "\"]");
                    if (!h.isEmpty()) {
                        acknowledged.set(Math.max(acknowledged.get(), (Long) rpc.call("getblockcount", "[]")));
                    }
                } else if (!spendable.isEmpty()) {
                    String coin = spendable.remove(spendable.size() - 1);
                    if (!used.add(coin)) {
                        continue;
                    }
                    String[] k = coin.split(":");
                    long value = utxos.get(coin).value().movePointRight(8).longValueExact();
                    if (value < 20_000) {
                        continue;
                    }
                    Transaction tx = KEY.spend(new OutPoint(Hash256.fromHex(k[0]), Long.parseLong(k[1])), value,
                            value - 2_000 - random.nextInt(5_000), KEY.script);
                    rpc.call("sendrawtransaction", "[\"" + Hex.encode(tx.toBytes()) + "\"]");
                }
            } catch (Exception e) {
                // the node may refuse (e.g. a spend it already mined) or be dying: keep driving until the kill
            }
        }
    }

    private static Process startNode(Path dir) throws Exception {
        Files.deleteIfExists(dir.resolve("regtest/.cookie"));
        String cp = System.getProperty("java.class.path");
        String mp = System.getProperty("jdk.module.path");
        if (mp != null && !mp.isEmpty()) {
            cp = cp + File.pathSeparator + mp;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path port = dir.resolve("port");
        int rpcPort = Files.exists(port) ? Integer.parseInt(Files.readString(port)) : freePort();
        Files.writeString(port, Integer.toString(rpcPort));
        return new ProcessBuilder(java, "-Xmx256m", "-cp", cp, "org.btcmp.node.NodeMain", "-datadir=" + dir,
                "-regtest", "-listen=0", "-rpcport=" + rpcPort).redirectErrorStream(true)
                .redirectOutput(dir.resolve("node-output.log").toFile()).start();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static RpcClient waitForRpc(Path dir, Process node) throws Exception {
        Path cookie = dir.resolve("regtest/.cookie");
        int port = Integer.parseInt(Files.readString(dir.resolve("port")));
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!node.isAlive()) {
                throw new AssertionError("node exited with " + node.exitValue() + ": "
                        + Files.readString(dir.resolve("node-output.log")));
            }
            if (Files.exists(cookie) && Files.size(cookie) > 0) {
                RpcClient rpc = RpcClient.withCookie(port, cookie);
                try {
                    rpc.call("getblockcount", "[]");
                    return rpc;
                } catch (IllegalStateException warmingUp) {
                    // -28 while the chain loads: poll again
                } catch (java.io.IOException notYet) {
                    // server socket not accepting yet
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("node did not start within 60 s: " + Files.readString(dir.resolve("node-output.log")));
    }

}
