package org.btcmp.ipc.capnp.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.btcmp.interfaces.BlockInfo;
import org.btcmp.interfaces.BroadcastResult;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.ChainNotifications;
import org.btcmp.interfaces.CoinInfo;
import org.btcmp.interfaces.FeeEstimate;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.OutPointRef;
import org.btcmp.interfaces.RpcCommand;
import org.btcmp.interfaces.WalletLoader;

/**
 * A Chain with known answers for the cross-JVM tests (heights 0..100, hash = height in hex), plus test
 * hooks on special inputs: the hash {@link #HANG} never answers, {@link #BARRIER} answers once
 * {@link #PARALLEL} calls wait at once, findBlock("thread") names the serving thread, findBlock("threads")
 * counts the live server threads (as its height), relayMinFee counts
 * calls per server thread (a thread-local).
 */
final class PeerChain implements Chain {
    static final int TIP = 100;
    static final String HANG = "ff".repeat(32);
    static final String BARRIER = "ee".repeat(32);
    static final int PARALLEL = 16;
    private static final CountDownLatch ARRIVED = new CountDownLatch(PARALLEL);
    private static final ThreadLocal<long[]> CALLS = ThreadLocal.withInitial(() -> new long[1]);
    private final List<ChainNotifications> saved = new CopyOnWriteArrayList<>();

    static String hashAt(int height) {
        return String.format("%064x", 0xb10c0000L + height);
    }

    @Override
    public OptionalInt getHeight() {
        PeerMain.emit("EVENT thread getHeight=" + Thread.currentThread().getName());
        return OptionalInt.of(TIP);
    }

    @Override
    public String getBlockHash(int height) {
        if (height < 0 || height > TIP) {
            throw new IllegalArgumentException("height " + height + " out of range [0, " + TIP + "]");
        }
        return hashAt(height);
    }

    @Override
    public Optional<BlockInfo> findBlock(String hash, boolean withData) {
        if (hash.equals("threads")) {
            int mapped = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                mapped += t.isAlive() && t.getName().startsWith("capnp-mapped") ? 1 : 0;
            }
            return Optional.of(new BlockInfo("threads", mapped, "", 0, 0, false, new byte[0]));
        }
        if (hash.equals("thread")) {
            return Optional.of(new BlockInfo(Thread.currentThread().getName(), 0, "", 0, 0, false, new byte[0]));
        }
        for (int h = 0; h <= TIP; h++) {
            if (hashAt(h).equals(hash)) {
                return Optional.of(new BlockInfo(hash, h, h == 0 ? "" : hashAt(h - 1), 1_600_000_000L + h * 600L,
                        1_600_000_000L + h * 600L - 3000, true, withData ? new byte[] {(byte) h, 1, 2, 3} : new byte[0]));
            }
        }
        return Optional.empty();
    }

    @Override
    public Map<OutPointRef, CoinInfo> findCoins(List<OutPointRef> outpoints) {
        Map<OutPointRef, CoinInfo> coins = new LinkedHashMap<>();
        for (OutPointRef o : outpoints) {
            if (o.index() % 2 == 0) {
                coins.put(o, new CoinInfo(1000L * o.index(), new byte[] {0x51, (byte) o.index()}, o.index() * 10, o.index() == 0));
            }
        }
        return coins;
    }

    @Override
    public boolean isInMempool(String txid) {
        if (txid.equals(HANG)) {
            PeerMain.emit("EVENT hanging");
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
        if (txid.equals(BARRIER)) {
            ARRIVED.countDown();
            try {
                return ARRIVED.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return txid.startsWith("00");
    }

    @Override
    public BroadcastResult broadcastTransaction(byte[] tx, long maxFeeRate) {
        if (tx.length == 4 && new String(tx, java.nio.charset.StandardCharsets.US_ASCII).equals("boom")) {
            throw new PeerBoom("boom at " + maxFeeRate);
        }
        return tx.length == 0 ? new BroadcastResult(false, "empty transaction") : new BroadcastResult(true, null);
    }

    @Override
    public FeeEstimate estimateSmartFee(int numBlocks, boolean conservative) {
        return new FeeEstimate(1000L * numBlocks + (conservative ? 1 : 0), Math.min(numBlocks, estimateMaxBlocks()),
                conservative ? "Conservative Double Target longer horizon" : "Target 85% Threshold");
    }

    @Override
    public int estimateMaxBlocks() {
        return 1008;
    }

    @Override
    public long mempoolMinFee() {
        return 1500;
    }

    @Override
    public long relayIncrementalFee() {
        return 100;
    }

    @Override
    public long relayDustFee() {
        return 3000;
    }

    @Override
    public long relayMinFee() {
        return ++CALLS.get()[0];
    }

    @Override
    public Handler handleNotifications(ChainNotifications notifications) {
        PeerMain.emit("EVENT thread handleNotifications=" + Thread.currentThread().getName());
        notifications.transactionAddedToMempool(new byte[] {7, 7, 7}); // a callback during the call
        saved.add(notifications);
        return () -> {
            saved.remove(notifications);
            PeerMain.emit("EVENT handler-disconnected");
        };
    }

    @Override
    public void waitForNotificationsIfTipChanged(String oldTip) {
        // The saved callbacks, called later from a thread of this process's own.
        Thread later = new Thread(() -> {
            for (ChainNotifications n : saved) {
                n.blockConnected(findBlock(oldTip, false).orElseThrow());
            }
        }, "peer-notifier");
        later.start();
        try {
            later.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Handler handleRpc(RpcCommand command) {
        String serving = Thread.currentThread().getName();
        PeerMain.emit("EVENT thread handleRpc=" + serving);
        String name = command.name(); // a callback; the caller calls back into us from it (level two)
        PeerMain.emit("EVENT rpc-name " + name);
        String result = command.call("[1]", "/");
        PeerMain.emit("EVENT rpc-result " + result);
        try {
            command.call("[\"fail\"]", "/wallet/w1");
            PeerMain.emit("EVENT rpc-error none");
        } catch (RpcCommand.RpcError e) {
            PeerMain.emit("EVENT rpc-error " + e.code() + " " + e.getMessage());
        }
        return () -> PeerMain.emit("EVENT rpc-handler-disconnected");
    }

    @Override
    public Handler registerWalletLoader(WalletLoader loader) {
        PeerMain.emit("EVENT wallet-loader " + loader.listWallets()); // a call back into the registering side
        return () -> PeerMain.emit("EVENT wallet-loader-disconnected");
    }
}
