package org.btcmp.ipc.capnp.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.btcmp.interfaces.BlockInfo;
import org.btcmp.interfaces.BroadcastResult;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.ChainNotifications;
import org.btcmp.interfaces.CoinInfo;
import org.btcmp.interfaces.FeeEstimate;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Init;
import org.btcmp.interfaces.OutPointRef;
import org.btcmp.interfaces.RpcCommand;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.RemoteException;
import org.btcmp.ipc.capnp.gen.Proxies;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated proxies across two real JVMs over a real UNIX socket: this JVM calls the peer's Init,
 * Echo and Chain through ProxyClients; the peer ({@link PeerMain}) serves them through ProxyServers and
 * reports what happens on its side.
 */
class CrossProcessProxyTest {
    private static final Duration NO_HANG = Duration.ofSeconds(60);
    @TempDir
    Path dir;
    private PeerProcess peer;
    private ProxyConnection connection;
    private Init init;

    @BeforeEach
    void connect() throws Exception {
        peer = PeerProcess.start(dir);
        connection = open();
        init = connection.bootstrap(Init.class);
    }

    private ProxyConnection open() {
        return ProxyConnection.start(UnixSockets.connect(peer.socket, FrameLimits.DEFAULT), Proxies.registry(), Init.class, null);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        peer.close();
    }

    @Test
    void seedExampleGetBlockHashFromAChainInAnotherJvm() {
        Chain chain = init.makeChain();
        assertEquals(PeerChain.hashAt(42), chain.getBlockHash(42));
        assertEquals(PeerChain.hashAt(0), chain.getBlockHash(0));
    }

    @Test
    void typeHooksRoundTrip() {
        Chain chain = init.makeChain();
        assertEquals(OptionalInt.of(PeerChain.TIP), chain.getHeight());
        BlockInfo block = chain.findBlock(PeerChain.hashAt(5), true).orElseThrow();
        assertEquals(PeerChain.hashAt(5), block.hash());
        assertEquals(5, block.height());
        assertEquals(PeerChain.hashAt(4), block.prevHash());
        assertEquals(1_600_000_000L + 3000, block.time());
        assertEquals(1_600_000_000L, block.medianTimePast());
        assertTrue(block.inActiveChain());
        assertArrayEquals(new byte[] {5, 1, 2, 3}, block.data());
        assertEquals(Optional.empty(), chain.findBlock("00".repeat(32), false));
        Map<OutPointRef, CoinInfo> coins = chain.findCoins(List.of(new OutPointRef("aa", 0), new OutPointRef("bb", 1),
                new OutPointRef("cc", 2)));
        assertEquals(List.of(new OutPointRef("aa", 0), new OutPointRef("cc", 2)), new ArrayList<>(coins.keySet()));
        CoinInfo coin = coins.get(new OutPointRef("cc", 2));
        assertEquals(2000L, coin.value());
        assertArrayEquals(new byte[] {0x51, 2}, coin.scriptPubKey());
        assertEquals(20, coin.height());
        assertFalse(coin.coinbase());
        assertTrue(coins.get(new OutPointRef("aa", 0)).coinbase());
        assertTrue(chain.isInMempool("00" + "ab".repeat(31)));
        assertFalse(chain.isInMempool("01" + "ab".repeat(31)));
        assertEquals(new BroadcastResult(true, null), chain.broadcastTransaction(new byte[] {1, 2}, 5));
        assertEquals(new BroadcastResult(false, "empty transaction"), chain.broadcastTransaction(new byte[0], 5));
        assertEquals(new FeeEstimate(6001, 6, "Conservative Double Target longer horizon"), chain.estimateSmartFee(6, true));
        assertEquals(new FeeEstimate(2_000_000, 1008, "Target 85% Threshold"), chain.estimateSmartFee(2000, false));
        assertEquals(1008, chain.estimateMaxBlocks());
        assertEquals(List.of(1500L, 100L, 3000L),
                List.of(chain.mempoolMinFee(), chain.relayIncrementalFee(), chain.relayDustFee()));
    }

    @Test
    void remoteIllegalArgumentExceptionIsRethrownAsSuch() {
        Chain chain = init.makeChain();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chain.getBlockHash(101));
        assertEquals("height 101 out of range [0, 100]", e.getMessage());
        assertEquals(PeerChain.hashAt(1), chain.getBlockHash(1)); // the connection goes on
    }

    @Test
    void anExceptionTypeOffTheAllowListIsNamedNotInstantiated() {
        Chain chain = init.makeChain();
        RemoteException e = assertThrows(RemoteException.class,
                () -> chain.broadcastTransaction("boom".getBytes(StandardCharsets.US_ASCII), 9));
        assertEquals(PeerBoom.class.getName(), e.remoteType());
        assertEquals("boom at 9", e.remoteMessage());
        assertNull(System.getProperty("peerboom.initialized"), "the peer-named class was initialized here");
    }

    @Test
    void callbackDuringTheCallRunsOnTheCallingThreadAndASavedOneIsCalledLater() throws Exception {
        Chain chain = init.makeChain();
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        ChainNotifications notifications = new ChainNotifications() {
            @Override
            public void transactionAddedToMempool(byte[] tx) {
                calls.add("added " + java.util.Arrays.toString(tx) + (Thread.currentThread() == caller ? " on caller" : " elsewhere"));
            }

            @Override
            public void blockConnected(BlockInfo block) {
                calls.add("connected " + block.height());
            }
        };
        Handler handler = chain.handleNotifications(notifications);
        assertEquals(List.of("added [7, 7, 7] on caller"), calls);
        chain.waitForNotificationsIfTipChanged(PeerChain.hashAt(7));
        assertEquals(List.of("added [7, 7, 7] on caller", "connected 7"), calls);
        handler.close();
        peer.await("EVENT handler-disconnected", NO_HANG);
    }

    @Test
    void nestedCallbacksTwoLevelsDeepRunOnTheRightThreads() throws Exception {
        Chain chain = init.makeChain();
        Thread caller = Thread.currentThread();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        RpcCommand command = new RpcCommand() {
            @Override
            public String name() {
                seen.add("name on " + (Thread.currentThread() == caller ? "caller" : Thread.currentThread().getName()));
                // Level two: back into the peer, from inside its callback.
                return "cmd" + chain.getHeight().getAsInt();
            }

            @Override
            public String category() {
                return "test";
            }

            @Override
            public List<String> argNames() {
                return List.of();
            }

            @Override
            public String call(String paramsJson, String uri) {
                if (paramsJson.contains("fail")) {
                    throw new RpcCommand.RpcError(-8, "bad params for " + uri);
                }
                seen.add("call on " + (Thread.currentThread() == caller ? "caller" : Thread.currentThread().getName()));
                return paramsJson + uri;
            }
        };
        Handler handler = chain.handleRpc(command);
        assertEquals(List.of("name on caller", "call on caller"), seen);
        String serving = peer.awaitPrefix("EVENT thread handleRpc=", NO_HANG);
        assertEquals(serving, peer.awaitPrefix("EVENT thread getHeight=", NO_HANG),
                "the nested call ran on another server thread than the call it is nested in");
        assertEquals("cmd100", peer.awaitPrefix("EVENT rpc-name ", NO_HANG));
        assertEquals("[1]/", peer.awaitPrefix("EVENT rpc-result ", NO_HANG));
        // The callback's JSON-RPC error reached the peer as itself, code included.
        assertEquals("-8 bad params for /wallet/w1", peer.awaitPrefix("EVENT rpc-error ", NO_HANG));
        handler.close();
        peer.await("EVENT rpc-handler-disconnected", NO_HANG);
    }

    @Test
    void aRegisteredWalletLoaderIsCalledBackAndItsRegistrationEndsWithTheConnection() throws Exception {
        Chain chain = init.makeChain();
        Handler handler = chain.registerWalletLoader(new ListingLoader(List.of("w1", "w2")));
        assertEquals("[w1, w2]", peer.awaitPrefix("EVENT wallet-loader ", NO_HANG));
        assertTrue(handler != null);
        // The registering process goes away without disconnecting: the peer's side of it ends anyway.
        connection.close();
        peer.await("EVENT wallet-loader-disconnected", NO_HANG);
    }

    /** A loader that only lists its wallets (what the peer asks of it). */
    private record ListingLoader(List<String> names) implements org.btcmp.interfaces.WalletLoader {
        @Override
        public org.btcmp.interfaces.Wallet createWallet(String name, String passphrase, long flags) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.btcmp.interfaces.Wallet loadWallet(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unloadWallet(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> listWallets() {
            return names;
        }

        @Override
        public List<String> listWalletDir() {
            return names;
        }

        @Override
        public String getWalletDir() {
            return "/nowhere";
        }

        @Override
        public boolean isEncrypted(String name) {
            return false;
        }

        @Override
        public List<org.btcmp.interfaces.Wallet> getWallets() {
            return List.of();
        }

        @Override
        public Handler handleLoadWallet(LoadWalletListener listener) {
            return () -> { };
        }
    }

    @Test
    void sixteenClientThreadsEachKeepTheirOwnServerThreadAndRunInParallel() throws Exception {
        Chain chain = init.makeChain();
        ExecutorService pool = Executors.newFixedThreadPool(PeerChain.PARALLEL);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < PeerChain.PARALLEL; i++) {
                results.add(pool.submit(() -> {
                    String first = chain.findBlock("thread", false).orElseThrow().hash();
                    // All 16 wait on the peer at once: they only get through if served in parallel.
                    assertTrue(chain.isInMempool(PeerChain.BARRIER), "calls of different client threads were serialized");
                    for (int k = 0; k < 5; k++) {
                        assertEquals(first, chain.findBlock("thread", false).orElseThrow().hash());
                    }
                    return first;
                }));
            }
            Set<String> serverThreads = new HashSet<>();
            for (Future<String> f : results) {
                serverThreads.add(f.get(NO_HANG.toSeconds(), TimeUnit.SECONDS));
            }
            assertEquals(PeerChain.PARALLEL, serverThreads.size(), "server threads: " + serverThreads);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(pool.awaitTermination(NO_HANG.toSeconds(), TimeUnit.SECONDS));
        // The client threads are gone: the Cleaner releases their server threads, which end; this thread's stays.
        long deadline = System.nanoTime() + NO_HANG.toNanos();
        int live;
        while ((live = chain.findBlock("threads", false).orElseThrow().height()) != 1 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(1, live, "server threads still alive on the peer");
    }

    @Test
    void aThreadLocalSetInOneCallIsSeenByTheNextFromTheSameClientThread() throws Exception {
        Chain chain = init.makeChain();
        assertEquals(1, chain.relayMinFee());
        assertEquals(2, chain.relayMinFee());
        assertEquals(3, chain.relayMinFee());
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertEquals(1L, other.submit(chain::relayMinFee).get(NO_HANG.toSeconds(), TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
        assertEquals(4, chain.relayMinFee());
    }

    @Test
    void closeDestroysAndTheCleanerReleasesAnUnreachableProxy() throws Exception {
        Echo echo = init.makeEcho();
        String id = peer.awaitPrefix("EVENT echo-made ", NO_HANG);
        assertEquals("hi #" + id, echo.echo("hi"));
        echo.close();
        peer.await("EVENT echo-closed " + id, NO_HANG);
        assertThrows(IllegalStateException.class, () -> echo.echo("after close"));
        echo.close(); // harmless

        makeAndDropEcho();
        String dropped = peer.awaitPrefix("EVENT echo-made ", NO_HANG);
        long deadline = System.nanoTime() + NO_HANG.toNanos();
        while (true) {
            System.gc();
            try {
                peer.await("EVENT echo-closed " + dropped, Duration.ofMillis(200));
                break;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    private void makeAndDropEcho() {
        assertTrue(init.makeEcho().echo("x").startsWith("x #"));
    }

    @Test
    void aDisconnectReleasesWhatThePeerHeldAndFailsCallsAtOnce() throws Exception {
        Echo echo = init.makeEcho();
        String id = peer.awaitPrefix("EVENT echo-made ", NO_HANG);
        Chain chain = init.makeChain();
        connection.close();
        assertTrue(connection.awaitClosed(NO_HANG));
        peer.await("EVENT echo-closed " + id, NO_HANG);
        long start = System.nanoTime();
        assertThrows(IpcException.class, () -> chain.getBlockHash(1));
        assertThrows(IpcException.class, () -> echo.echo("x"));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void killingThePeerMidCallFailsTheCallWithIpcExceptionAndLeavesNoThreads() throws Exception {
        Set<String> baseline = threadNames();
        ProxyConnection second = open();
        Init secondInit = second.bootstrap(Init.class);
        Chain chain = secondInit.makeChain();
        assertEquals(PeerChain.hashAt(3), chain.getBlockHash(3));
        ExecutorService caller = Executors.newSingleThreadExecutor(r -> new Thread(r, "killed-call"));
        try {
            Future<Boolean> hanging = caller.submit(() -> chain.isInMempool(PeerChain.HANG));
            peer.await("EVENT hanging", NO_HANG);
            long killed = System.nanoTime();
            peer.kill();
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> hanging.get(NO_HANG.toSeconds(), TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof IpcException, "expected an IpcException, got " + e.getCause());
            System.err.println("CrossProcessProxyTest: IpcException " + (System.nanoTime() - killed) / 1000 + " us after SIGKILL");
        } finally {
            caller.shutdownNow();
            caller.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThrows(IpcException.class, () -> chain.getBlockHash(3));
        connection.close();
        assertTrue(connection.awaitClosed(NO_HANG));
        long deadline = System.nanoTime() + NO_HANG.toNanos();
        Set<String> now = threadNames();
        while (!baseline.containsAll(now) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = threadNames();
        }
        now.removeAll(baseline);
        assertEquals(Set.of(), now, "threads left after the peer died");
    }

    /**
     * Live threads, leaving out the process-wide ones that outlive connections (the cleaner, shared pools,
     * the JDK's process reaper that waited for the killed peer).
     */
    private static Set<String> threadNames() {
        Set<String> names = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (t.isAlive() && !n.startsWith("capnp-capability-cleaner") && !n.startsWith("capnp-local-call")
                    && !n.startsWith("capnp-proxy-release") && !n.equals("peer-output") && !n.startsWith("ForkJoinPool")
                    && !n.startsWith("process reaper")) {
                names.add(n + "#" + t.getId());
            }
        }
        return names;
    }
}
