package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.btcmp.common.args.ChainType;
import org.btcmp.node.chain.ChainState;
import org.btcmp.primitives.ChainParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's v2-to-v1 reconnection: an outbound BIP324 attempt that the peer ends as a v1 node does (hangs up having
 * sent nothing, or answers in v1 framing) is reopened once in v1 and the address is remembered as v1-only; an
 * attempt that failed after the peer spoke something else is not retried.
 */
class V2FallbackTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aV2AttemptToAV1OnlyNodeIsRetriedInV1AndTheAddressIsThenConnectedInV1Directly() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a")); SyncNode b = new SyncNode(temp.resolve("b"))) {
                List<String> mined = b.mine(5);
                InetSocketAddress bAddress = b.listen(); // B: -v2transport=0, v1 only
                Peer attempt = a.net.connect(bAddress, ConnectionType.MANUAL, true);
                assertTrue(attempt.awaitDisconnect(WAIT), "B hangs up on our key bytes");
                assertFalse(attempt.handshakeComplete());
                await(() -> attempt.v1Retry() != null, "the v1 retry");
                Peer retry = attempt.v1Retry();
                assertTrue(retry.awaitHandshake(WAIT), "the v1 retry completes the handshake");
                assertEquals("v1", retry.transportProtocol());
                assertEquals(ConnectionType.MANUAL, retry.type());
                assertTrue(a.net.isV1Only(bAddress));
                await(() -> a.tip().equals(mined.get(4)), "A to sync B's blocks over the v1 retry");
                retry.disconnect();
                assertTrue(retry.awaitDisconnect(WAIT));
                assertNull(retry.v1Retry(), "a v1 connection is never retried");

                Peer again = a.net.connect(bAddress, ConnectionType.MANUAL, true);
                assertTrue(again.awaitHandshake(WAIT), "a v1-only address is connected in v1 at once");
                assertEquals("v1", again.transportProtocol());
            }
        });
    }

    @Test
    void aV2AttemptThatReceivedBytesOtherThanV1IsNotRetried() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (SyncNode a = new SyncNode(temp.resolve("a"));
                    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Thread answerer = new Thread(() -> {
                    try (Socket s = server.accept()) {
                        s.getInputStream().readNBytes(64);
                        byte[] junk = new byte[100];
                        new Random(1).nextBytes(junk);
                        junk[0] = 0x00; // never the regtest magic
                        OutputStream out = s.getOutputStream();
                        out.write(junk);
                        out.flush();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                answerer.start();
                InetSocketAddress address = (InetSocketAddress) server.getLocalSocketAddress();
                Peer attempt = a.net.connect(address, ConnectionType.MANUAL, true);
                assertTrue(attempt.awaitDisconnect(WAIT));
                answerer.join();
                Thread.sleep(500);
                assertNull(attempt.v1Retry(), "the peer spoke something: Core does not retry in v1");
                assertFalse(a.net.isV1Only(address));
            }
        });
    }

    @Test
    void aConnectTargetUnderV2TransportIsReachedInV1WhenThePeerIsV1Only() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            Path dir = temp.resolve("a");
            try (SyncNode b = new SyncNode(temp.resolve("b"));
                    ChainState chain = new ChainState(ChainParams.of(ChainType.REGTEST), dir,
                            () -> System.currentTimeMillis() / 1000)) {
                List<String> mined = b.mine(3);
                InetSocketAddress bAddress = b.listen();
                String target = P2pNode.hostPort(bAddress);
                P2pSettings settings = new P2pSettings(false, 0, List.of(), List.of(target), List.of(), false, 125,
                        true, P2pSettings.DEFAULT_BAN_TIME_SECONDS, List.of(), true);
                try (P2pNode a = new P2pNode(LocalNode.defaults(P2pNetwork.REGTEST, chain::height), settings,
                        SyncNode.TIMEOUTS, chain, dir, () -> System.currentTimeMillis() / 1000)) {
                    a.start();
                    await(() -> a.manualPeer(target).map(Peer::handshakeComplete).orElse(false),
                            "the -connect target in v1");
                    Peer peer = a.manualPeer(target).orElseThrow();
                    assertEquals("v1", peer.transportProtocol());
                    assertEquals(target, a.addressName(peer));
                    assertTrue(a.connections().isV1Only(bAddress));
                    await(() -> chain.tip().hash().toString().equals(mined.get(2)), "sync over the v1 retry");
                    assertEquals(1, a.peers().size(), "one connection to the target, not one per tick");
                }
            }
        });
    }

    /** The bcoin case (a v1 node that answers our key with a v1 reject) is in BcoinSyncTest. */
    static Peer current(Peer first) {
        Peer p = first;
        while (p.v1Retry() != null) {
            p = p.v1Retry();
        }
        assertNotNull(p);
        return p;
    }
}
