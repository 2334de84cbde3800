package org.btcmp.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.PeerInfo;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.node.iface.NodeStatus;
import org.btcmp.node.net.P2pSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network RPCs and the Node interface's peer reporting, on two or three of our nodes over loopback. */
class NetRpcTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final List<BitcoinNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (BitcoinNode n : nodes) {
            n.close();
        }
    }

    /** Listens on a free loopback port; outbound connections only by RPC (or from addresses when asked). */
    private BitcoinNode start(String name, boolean automatic) throws Exception {
        P2pSettings p2p = new P2pSettings(true, 0, List.of("127.0.0.1"), List.of(), List.of(), automatic, 125, true);
        BitcoinNode n = BitcoinNode.start(NodeConfig.regtest(dir.resolve(name), -1), p2p);
        nodes.add(n);
        return n;
    }

    private RpcClient rpc(BitcoinNode n) throws Exception {
        return RpcClient.withCookie(n.rpcPort(), n.config().networkDir().resolve(".cookie"));
    }

    private static String p2pAddress(BitcoinNode n) {
        return "127.0.0.1:" + n.p2p().listening().get(0).getPort();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<Map<String, Object>> maps(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        ((List<?>) o).forEach(x -> out.add(map(x)));
        return out;
    }

    /** The error of a call that must fail: code and message. */
    private static Map<String, Object> error(RpcClient rpc, String method, String params) throws Exception {
        Object reply = rpc.post("{\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":1}").json();
        Object e = map(reply).get("error");
        assertTrue(e instanceof Map, method + " " + params + " should fail, got " + Json.write(reply));
        return map(e);
    }

    private static void assertError(long code, String message, Map<String, Object> error) {
        assertEquals(code, error.get("code"), Json.write(error));
        assertEquals(message, error.get("message"));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static long count(RpcClient rpc) {
        try {
            return (Long) rpc.call("getconnectioncount", "[]");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void addnodeConnectsKeepsTheConnectionAndPeersAreReported() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            BitcoinNode a = start("a", false);
            BitcoinNode b = start("b", false);
            RpcClient ra = rpc(a);
            RpcClient rb = rpc(b);
            ra.call("generatetoaddress", "[5, \"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\"]");
            String target = p2pAddress(a);
            assertEquals(Json.NULL, rb.call("addnode", "[\"" + target + "\", \"add\"]"));
            await(() -> count(rb) == 1 && count(ra) == 1, "the added node to connect");
            await(() -> b.chain().height() == 5, "B to sync A's blocks");

            Map<String, Object> out = maps(rb.call("getpeerinfo", "[]")).get(0);
            assertEquals(target, out.get("addr"));
            assertEquals("manual", out.get("connection_type"));
            assertEquals(false, out.get("inbound"));
            assertEquals("/btcmp:0.1.0/", out.get("subver"));
            assertEquals(5L, out.get("startingheight"));
            assertEquals(List.of("NETWORK", "WITNESS", "NETWORK_LIMITED"), out.get("servicesnames"));
            assertTrue((Long) out.get("bytesrecv") > 0);
            assertTrue(map(out.get("bytessent_per_msg")).containsKey("version"));
            Map<String, Object> in = maps(ra.call("getpeerinfo", "[]")).get(0);
            assertEquals("inbound", in.get("connection_type"));
            assertEquals(true, in.get("inbound"));

            Map<String, Object> added = maps(rb.call("getaddednodeinfo", "[]")).get(0);
            assertEquals(target, added.get("addednode"));
            assertEquals(true, added.get("connected"));
            assertEquals("outbound", maps(added.get("addresses")).get(0).get("connected"));
            assertEquals(added, maps(rb.call("getaddednodeinfo", "[\"" + target + "\"]")).get(0));

            Map<String, Object> totals = map(rb.call("getnettotals", "[]"));
            assertTrue((Long) totals.get("totalbytesrecv") > 0 && (Long) totals.get("totalbytessent") > 0);
            Map<String, Object> info = map(rb.call("getnetworkinfo", "[]"));
            assertEquals(1L, info.get("connections"));
            assertEquals(1L, info.get("connections_out"));
            assertEquals(0L, info.get("connections_in"));
            assertEquals(true, info.get("networkactive"));
            assertEquals("0000000000000409", info.get("localservices"));

            rb.call("ping", "[]");
            await(() -> {
                try {
                    return maps(rb.call("getpeerinfo", "[]")).get(0).get("pingtime") instanceof BigDecimal;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "a ping round trip");

            // A dropped connection to an added node comes back by itself.
            long id = (Long) out.get("id");
            rb.call("disconnectnode", "[\"\", " + id + "]");
            await(() -> count(rb) == 1 && b.p2p().peers().get(0).id() != id, "the added node to reconnect");

            assertError(-23, "Error: Node already added", error(rb, "addnode", "[\"" + target + "\", \"add\"]"));
            assertEquals(-1L, error(rb, "addnode", "[\"" + target + "\", \"sometimes\"]").get("code"));
            assertError(-8, "Error: v2transport requested but not enabled (see -v2transport)",
                    error(rb, "addnode", "[\"" + target + "\", \"onetry\", true]"));
            assertError(-24, "Error: Node has not been added.", error(rb, "getaddednodeinfo", "[\"10.0.0.1\"]"));
            assertError(-29, "Node not found in connected nodes", error(rb, "disconnectnode", "[\"10.0.0.1:1\"]"));
            assertError(-32602, "Only one of address and nodeid should be provided.",
                    error(rb, "disconnectnode", "[\"" + target + "\", 1]"));

            // Removed from the list and disconnected by address: it stays away.
            rb.call("addnode", "[\"" + target + "\", \"remove\"]");
            assertError(-24, "Error: Node could not be removed. It has not been added previously.",
                    error(rb, "addnode", "[\"" + target + "\", \"remove\"]"));
            rb.call("disconnectnode", "[\"" + target + "\"]");
            await(() -> count(rb) == 0, "the disconnect");
            Thread.sleep(2500);
            assertEquals(0L, count(rb));
            assertEquals(List.of(), rb.call("getaddednodeinfo", "[]"));

            rb.call("addnode", "[\"" + target + "\", \"onetry\"]");
            await(() -> count(rb) == 1, "the one-try connection");
        });
    }

    @Test
    void aTransactionSentByRpcToOneNodeIsRelayedToTheOtherAndMinedThere() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            BitcoinNode a = start("a", false);
            BitcoinNode b = start("b", false);
            RpcClient ra = rpc(a);
            RpcClient rb = rpc(b);
            org.btcmp.node.chain.TestKey key = new org.btcmp.node.chain.TestKey("net-rpc");
            for (int i = 0; i < 101; i++) {
                a.miner().generate(key.script, List.of());
            }
            rb.call("addnode", "[\"" + p2pAddress(a) + "\", \"add\"]");
            await(() -> b.chain().height() == 101, "B to sync");
            org.btcmp.primitives.Transaction coinbase = a.chain().readBlock(a.chain().atHeight(1)).transactions()
                    .get(0);
            long value = coinbase.outputs().get(0).value();
            org.btcmp.primitives.Transaction tx = key.spend(new org.btcmp.primitives.OutPoint(coinbase.txid(), 0),
                    value, value - 5_000, key.script);
            String txid = (String) ra.call("sendrawtransaction",
                    "[\"" + org.btcmp.primitives.Hex.encode(tx.toBytes()) + "\"]");
            await(() -> {
                try {
                    return ((List<?>) rb.call("getrawmempool", "[]")).contains(txid);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "the transaction in B's mempool");
            rb.call("generatetoaddress", "[1, \"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\"]");
            await(() -> a.chain().height() == 102 && a.mempool().size() == 0, "B's block with it at A");
        });
    }

    @Test
    void bansDisconnectRefuseListAndSurviveARestart() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            BitcoinNode a = start("a", false);
            BitcoinNode b = start("b", false);
            RpcClient ra = rpc(a);
            RpcClient rb = rpc(b);
            rb.call("addnode", "[\"" + p2pAddress(a) + "\", \"add\"]");
            await(() -> count(ra) == 1, "the connection");

            assertEquals(Json.NULL, ra.call("setban", "[\"127.0.0.0/8\", \"add\", 3600]"));
            await(() -> count(ra) == 0 && count(rb) == 0, "the banned peer to be disconnected");
            Thread.sleep(2500); // B keeps retrying its added node; A refuses it
            assertEquals(0L, count(ra));
            Map<String, Object> ban = maps(ra.call("listbanned", "[]")).get(0);
            assertEquals("127.0.0.0/8", ban.get("address"));
            assertEquals(3600L, ban.get("ban_duration"));
            assertEquals((Long) ban.get("ban_created") + 3600, ban.get("banned_until"));

            assertError(-23, "Error: IP/Subnet already banned", error(ra, "setban", "[\"127.0.0.0/8\", \"add\"]"));
            assertError(-30, "Error: Invalid IP/Subnet", error(ra, "setban", "[\"example.com\", \"add\"]"));
            assertError(-30, "Error: Invalid IP/Subnet", error(ra, "setban", "[\"1.2.3.4/33\", \"add\"]"));
            assertError(-30, "Error: Unban failed. Requested address/subnet was not previously manually banned.",
                    error(ra, "setban", "[\"10.1.2.3\", \"remove\"]"));
            assertError(-8, "Error: Absolute timestamp is in the past",
                    error(ra, "setban", "[\"10.1.2.3\", \"add\", 1000, true]"));
            assertEquals(-1L, error(ra, "setban", "[\"10.1.2.3\", \"block\"]").get("code"));
            ra.call("setban", "[\"10.1.2.3/255.255.255.0\", \"add\", 4000000000, true]");

            a.close();
            nodes.remove(a);
            assertTrue(Files.readString(a.config().networkDir().resolve("banlist.txt")).contains("10.1.2.0/24"));
            BitcoinNode a2 = BitcoinNode.start(a.config(), a.p2p().settings().withBanTime(7200));
            nodes.add(a2);
            RpcClient ra2 = rpc(a2);
            List<Map<String, Object>> kept = maps(ra2.call("listbanned", "[]"));
            assertEquals(List.of("127.0.0.0/8", "10.1.2.0/24"), kept.stream().map(m -> m.get("address")).toList());
            assertEquals(4000000000L, kept.get(1).get("banned_until"));
            // -bantime: the duration of a ban given without one.
            ra2.call("setban", "[\"10.9.9.9\", \"add\"]");
            assertEquals(7200L, maps(ra2.call("listbanned", "[]")).get(2).get("ban_duration"));

            ra2.call("clearbanned", "[]");
            assertEquals(List.of(), ra2.call("listbanned", "[]"));
            rb.call("addnode", "[\"" + p2pAddress(a2) + "\", \"add\"]");
            await(() -> count(ra2) == 1, "the unbanned peer to connect again");
        });
    }

    @Test
    void networkActiveOffDisconnectsAndOnReconnectsAndTheNodeInterfaceReportsIt() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            BitcoinNode a = start("a", false);
            BitcoinNode b = start("b", false);
            RpcClient rb = rpc(b);
            NodeStatus status = new NodeStatus(b);
            List<Integer> counts = new CopyOnWriteArrayList<>();
            List<Boolean> states = new CopyOnWriteArrayList<>();
            Handler h1 = status.handleNotifyNumConnectionsChanged(counts::add);
            Handler h2 = status.handleNotifyNetworkActiveChanged(states::add);
            rb.call("addnode", "[\"" + p2pAddress(a) + "\", \"add\"]");
            await(() -> status.getNodeCount() == 1, "the connection");
            await(() -> counts.contains(1), "the connection count notification");
            PeerInfo peer = status.getPeers().get(0);
            assertEquals(p2pAddress(a), peer.address());
            assertEquals("manual", peer.connectionType());
            assertFalse(peer.inbound());
            assertEquals("/btcmp:0.1.0/", peer.userAgent());
            assertTrue(status.getTotalBytesRecv() > 0 && status.getTotalBytesSent() > 0);

            assertEquals(false, rb.call("setnetworkactive", "[false]"));
            assertFalse(status.getNetworkActive());
            assertEquals(false, map(rb.call("getnetworkinfo", "[]")).get("networkactive"));
            await(() -> count(rb) == 0, "every peer to be disconnected");
            Thread.sleep(2500);
            assertEquals(0L, count(rb), "no reconnection while inactive");
            assertEquals(List.of(false), states);
            assertTrue(counts.contains(0));

            status.setNetworkActive(true);
            assertEquals(List.of(false, true), states);
            await(() -> count(rb) == 1, "the added node to reconnect");
            assertEquals(-3L, error(rb, "setnetworkactive", "[\"yes\"]").get("code"));
            h1.close();
            h2.close();
            rb.call("setnetworkactive", "[false]");
            assertEquals(List.of(false, true), states, "no calls after the handler is closed");
        });
    }

    @Test
    void automaticConnectionsComeFromTheAddressFileAfterARestart() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            BitcoinNode a = start("a", false);
            BitcoinNode c = start("c", true);
            RpcClient rc = rpc(c);
            int port = a.p2p().listening().get(0).getPort();
            assertEquals(Map.of("success", true), rc.call("addpeeraddress", "[\"127.0.0.1\", " + port + "]"));
            await(() -> count(rc) == 1, "an automatic outbound connection");
            assertEquals("outbound-full-relay", maps(rc.call("getpeerinfo", "[]")).get(0).get("connection_type"));
            Map<String, Object> known = maps(rc.call("getnodeaddresses", "[0]")).get(0);
            assertEquals("127.0.0.1", known.get("address"));
            assertEquals((long) port, known.get("port"));
            assertEquals(List.of(), rc.call("getnodeaddresses", "[0, \"ipv6\"]"));

            c.close();
            nodes.remove(c);
            assertTrue(Files.readString(c.config().networkDir().resolve("peers.txt")).contains("127.0.0.1 " + port));
            BitcoinNode c2 = BitcoinNode.start(c.config(), c.p2p().settings());
            nodes.add(c2);
            RpcClient rc2 = rpc(c2);
            await(() -> count(rc2) == 1, "a connection to the remembered address");
            assertNotNull(maps(rc2.call("getpeerinfo", "[]")).get(0).get("addr"));
        });
    }

    @Test
    void addnodeWithV2transportConnectsOverBip324AndGetpeerinfoShowsIt() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            P2pSettings v2 = new P2pSettings(true, 0, List.of("127.0.0.1"), List.of(), List.of(), false, 125, true)
                    .withV2Transport(true);
            BitcoinNode a = BitcoinNode.start(NodeConfig.regtest(dir.resolve("a"), -1), v2);
            nodes.add(a);
            BitcoinNode b = BitcoinNode.start(NodeConfig.regtest(dir.resolve("b"), -1), v2);
            nodes.add(b);
            RpcClient ra = rpc(a);
            RpcClient rb = rpc(b);
            assertEquals("0000000000000c09", map(rb.call("getnetworkinfo", "[]")).get("localservices"));
            rb.call("addnode", "[\"" + p2pAddress(a) + "\", \"onetry\", true]");
            await(() -> count(rb) == 1 && count(ra) == 1, "the v2 connection");
            await(() -> b.p2p().peers().get(0).handshakeComplete() && a.p2p().peers().get(0).handshakeComplete(),
                    "the version handshake over v2");
            Map<String, Object> out = maps(rb.call("getpeerinfo", "[]")).get(0);
            Map<String, Object> in = maps(ra.call("getpeerinfo", "[]")).get(0);
            assertEquals("v2", out.get("transport_protocol_type"));
            assertEquals("v2", in.get("transport_protocol_type"));
            assertEquals(64, ((String) out.get("session_id")).length());
            assertEquals(out.get("session_id"), in.get("session_id"));
            assertTrue(((List<?>) out.get("servicesnames")).contains("P2P_V2"));
        });
    }
}
