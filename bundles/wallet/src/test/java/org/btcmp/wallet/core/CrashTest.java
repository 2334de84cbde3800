package org.btcmp.wallet.core;

import org.btcmp.primitives.ChainParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.script.Address;
import org.btcmp.wallet.store.ChildJvm;
import org.btcmp.wallet.store.DescriptorRecords;
import org.btcmp.wallet.store.ScriptRecords;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a wallet process at seeded random moments while it hands out addresses and records
 * payments: after every restart, everything it acknowledged is still there, and no address was ever
 * handed out twice. 20 kills here; 500 in the slow tier ({@code mvn -P slow}).
 */
class CrashTest {
    private static final long SEED = 0x5eed_2026_1125L;
    private static final long RUN_LIMIT_SECONDS = 120; // a "no hang" bound per child, not a speed target

    @TempDir
    Path dir;

    /** What the children acknowledged, across all runs. */
    private final Map<String, String> addressOwner = new HashMap<>(); // address -> ack line
    private final Map<String, String> labels = new HashMap<>();
    private final List<String[]> used = new ArrayList<>(); // descriptorId, index, scriptHex
    private int acks;

    @Test
    void twentyKills() throws Exception {
        killRepeatedly(20, SEED);
    }

    @Test
    @Tag("slow")
    void fiveHundredKills() throws Exception {
        killRepeatedly(500, SEED + 1);
    }

    private void killRepeatedly(int kills, long seed) throws Exception {
        Path walletDir = dir.resolve("regtest").resolve("wallets").resolve("crash");
        Random random = new Random(seed);
        boolean created = false;
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int kill = 0; kill < kills; kill++) {
                created |= runOnce(walletDir, created, random, watchdog, kill);
                verify(walletDir, kill);
            }
        } finally {
            watchdog.shutdownNow();
        }
        assertTrue(created, "the wallet was never created");
        assertTrue(acks > kills, "too few acknowledged operations to mean anything: " + acks);
        System.err.println("CrashTest: " + kills + " kills, " + acks + " acknowledged operations, "
                + addressOwner.size() + " addresses, " + used.size() + " payments beyond the keypool edge");
    }

    /** One child: started, killed with SIGKILL at a random moment, its acknowledgements collected. */
    private boolean runOnce(Path walletDir, boolean created, Random random, ScheduledExecutorService watchdog, int kill)
            throws IOException, InterruptedException {
        // One run in eight is killed during start-up (JVM start, create or load), at a random delay.
        boolean killEarly = random.nextInt(8) == 0;
        int ackTarget = random.nextInt(40);
        int graceMillis = random.nextInt(20);
        int earlyMillis = 50 + random.nextInt(600);
        Path errorLog = dir.resolve("child-" + kill + ".err");
        Process child = ChildJvm.start(errorLog, CrashChildMain.class, walletDir.toString(),
                created ? "load" : "create", Long.toString(random.nextLong()));
        try {
            return superviseOnce(child, errorLog, watchdog, kill, killEarly, ackTarget, graceMillis, earlyMillis);
        } finally {
            child.toHandle().destroyForcibly(); // whatever happened, no child outlives its run
        }
    }

    private boolean superviseOnce(Process child, Path errorLog, ScheduledExecutorService watchdog,
            int kill, boolean killEarly, int ackTarget, int graceMillis, int earlyMillis)
            throws IOException, InterruptedException {
        AtomicBoolean watchdogFired = new AtomicBoolean();
        ScheduledFuture<?> guard = watchdog.schedule(() -> {
            watchdogFired.set(true);
            child.toHandle().destroyForcibly();
        }, RUN_LIMIT_SECONDS, TimeUnit.SECONDS);
        if (killEarly) {
            watchdog.schedule(() -> child.toHandle().destroyForcibly(), earlyMillis, TimeUnit.MILLISECONDS);
        }
        boolean ready = false;
        int seen = 0;
        boolean killed = killEarly;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("READY")) {
                    ready = true;
                } else if (line.endsWith(" OK")) {
                    record(line, kill);
                    seen++;
                } // else: a line cut by the kill, never acknowledged
                if (!killed && ready && seen >= ackTarget) {
                    Thread.sleep(graceMillis); // the child keeps working: the kill lands anywhere
                    child.toHandle().destroyForcibly(); // SIGKILL; the pipe stays open to drain acks
                    killed = true;
                }
            }
        }
        assertTrue(child.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS), "child did not die");
        guard.cancel(false);
        assertFalse(watchdogFired.get(), "run " + kill + ": the child hung (killed by the watchdog)");
        assertEquals(137, child.exitValue(), "run " + kill + ": the child must die by SIGKILL, not exit by itself; its stderr: "
                + java.nio.file.Files.readString(errorLog));
        return ready;
    }

    private void record(String line, int kill) {
        String[] f = line.split(" ");
        switch (f[0]) {
            case "ADDR", "CHANGE" -> {
                String previous = addressOwner.put(f[2], "run " + kill + ": " + line);
                if (previous != null) {
                    fail("address " + f[2] + " handed out twice: " + previous + " / run " + kill + ": " + line);
                }
                if (f[0].equals("ADDR")) {
                    labels.put(f[2], f[3]);
                }
            }
            case "USED" -> used.add(new String[] {f[1], f[2], f[3]});
            default -> fail("unexpected line from the child: " + line);
        }
        acks++;
    }

    /** Every acknowledged change is in the file after the kill. */
    private void verify(Path walletDir, int kill) {
        if (addressOwner.isEmpty() && used.isEmpty()) {
            return;
        }
        try (DescriptorWallet w = DescriptorWallet.load(walletDir, CrashChildMain.options())) {
            Map<String, DescriptorRecords.Row> rows = new HashMap<>();
            for (DescriptorRecords.Row row : w.descriptors()) {
                rows.put(row.id(), row);
            }
            for (String address : addressOwner.keySet()) {
                Script script = Address.toScript(address, ChainParams.of(ChainType.REGTEST));
                ScriptRecords.Row found = w.findScript(script).orElseThrow(
                        () -> new AssertionError("after kill " + kill + ": lost " + addressOwner.get(address)));
                assertTrue(found.index() < rows.get(found.descriptorId()).nextIndex(),
                        "after kill " + kill + ": " + address + " would be handed out again");
            }
            for (var e : labels.entrySet()) {
                assertEquals(e.getValue(), w.addressBookEntry(e.getKey()).orElseThrow().label(), "label of " + e.getKey());
            }
            for (String[] u : used) {
                ScriptRecords.Row found = w.findScript(Script.of(HexFormat.of().parseHex(u[2]))).orElseThrow();
                assertTrue(found.used(), "after kill " + kill + ": payment to " + u[2] + " forgotten");
                assertEquals(Integer.parseInt(u[1]), found.index());
                assertTrue(rows.get(u[0]).nextIndex() > found.index(), "keypool did not move past a payment");
            }
        }
    }
}
