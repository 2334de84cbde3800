package org.btcmp.node.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.btcmp.interfaces.BlockInfo;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.BlockTemplate;
import org.btcmp.interfaces.BroadcastResult;
import org.btcmp.interfaces.ChainNotifications;
import org.btcmp.interfaces.CoinInfo;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.OutPointRef;
import org.btcmp.interfaces.RpcCommand;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.node.chain.TestKey;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chain, Node and Mining as a wallet, GUI or miner in this process uses them. */
class NodeInterfacesTest {
    @TempDir
    Path dir;
    BitcoinNode node;
    NodeChain chain;
    final TestKey key = new TestKey("iface");

    @BeforeEach
    void start() throws Exception {
        node = BitcoinNode.start(NodeConfig.regtest(dir, -1));
        chain = new NodeChain(node);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private void mine(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            node.miner().generate(key.script, null);
        }
    }

    @Test
    void notificationsFollowTheChainAndMempoolUntilDisconnected() throws Exception {
        List<String> events = new ArrayList<>();
        Handler h = chain.handleNotifications(new ChainNotifications() {
            @Override
            public void blockConnected(BlockInfo block) {
                events.add("connected " + block.height());
            }

            @Override
            public void blockDisconnected(BlockInfo block) {
                events.add("disconnected " + block.height());
            }

            @Override
            public void transactionAddedToMempool(byte[] tx) {
                events.add("added");
            }
        });
        mine(101);
        assertEquals("connected 101", events.get(events.size() - 1));
        Block b1 = node.chain().readBlock(node.chain().atHeight(1));
        Transaction cb = b1.transactions().get(0);
        long v = cb.outputs().get(0).value();
        BroadcastResult ok = chain.broadcastTransaction(key.spend(new OutPoint(cb.txid(), 0), v, v - 1000,
                key.script).toBytes(), 0);
        assertTrue(ok.accepted(), ok.error());
        assertEquals("added", events.get(events.size() - 1));
        node.chain().invalidateBlock(node.chain().tip().hash());
        assertEquals("disconnected 101", events.get(events.size() - 1));
        h.disconnect();
        mine(1);
        assertEquals("disconnected 101", events.get(events.size() - 1), "no events after disconnect");
    }

    @Test
    void findCoinsSeesConfirmedAndMempoolOutputs() throws Exception {
        mine(101);
        Transaction cb = node.chain().readBlock(node.chain().atHeight(1)).transactions().get(0);
        OutPointRef ref = new OutPointRef(cb.txid().toString(), 0);
        Map<OutPointRef, CoinInfo> coins = chain.findCoins(List.of(ref, new OutPointRef(Hash256.ZERO.toString(), 0)));
        assertEquals(1, coins.size());
        assertTrue(coins.get(ref).coinbase());
        long v = coins.get(ref).value();
        Transaction spend = key.spend(new OutPoint(cb.txid(), 0), v, v - 1000, key.script);
        assertTrue(chain.broadcastTransaction(spend.toBytes(), 0).accepted());
        assertTrue(chain.isInMempool(spend.txid().toString()));
        Map<OutPointRef, CoinInfo> after = chain.findCoins(List.of(ref, new OutPointRef(spend.txid().toString(), 0)));
        assertFalse(after.containsKey(ref), "spent in the mempool");
        assertEquals(-1, after.get(new OutPointRef(spend.txid().toString(), 0)).height());
        BroadcastResult refused = chain.broadcastTransaction(new byte[] {1, 2, 3}, 0);
        assertFalse(refused.accepted());
    }

    @Test
    void rpcCommandsRegisteredThroughChainAreServedUntilDisconnected() throws Exception {
        Handler h = chain.handleRpc(new RpcCommand() {
            @Override
            public String name() {
                return "walletecho";
            }

            @Override
            public String category() {
                return "wallet";
            }

            @Override
            public List<String> argNames() {
                return List.of("value");
            }

            @Override
            public String call(String paramsJson, String uri) {
                if (paramsJson.equals("[\"fail\"]")) {
                    throw new RpcError(-4, "wallet says no");
                }
                return "{\"params\":" + paramsJson + ",\"uri\":\"" + uri + "\"}";
            }
        });
        var client = new org.btcmp.node.rpc.TestRpc(node.rpcPort(), dir.resolve("regtest/.cookie"));
        assertEquals("{\"result\":{\"params\":[1],\"uri\":\"/wallet/w1\"},\"error\":null,\"id\":1}",
                client.post("/wallet/w1", "{\"method\":\"walletecho\",\"params\":[1],\"id\":1}"));
        assertTrue(client.post("/", "{\"method\":\"walletecho\",\"params\":[\"fail\"],\"id\":1}")
                .contains("\"code\":-4"));
        h.disconnect();
        assertTrue(client.post("/", "{\"method\":\"walletecho\",\"params\":[1],\"id\":1}").contains("-32601"));
    }

    @Test
    void miningTemplateSolvedExternallyIsAccepted() throws Exception {
        NodeMining mining = new NodeMining(node);
        assertTrue(mining.isTestChain());
        BlockRef before = mining.getTip().orElseThrow();
        BlockTemplate t = mining.createNewBlock(key.script.bytes());
        BlockHeader h = BlockHeader.fromBytes(t.getBlockHeader());
        Block solved = org.btcmp.node.chain.Miner.solve(Block.fromBytes(t.getBlock()));
        assertTrue(t.submitSolution(h.version(), h.time(), solved.header().nonce(), t.getCoinbaseTx()));
        BlockRef after = mining.waitTipChanged(before.hash(), 10_000);
        assertEquals(1, after.height());
        assertEquals(solved.hash().toString(), after.hash());
        assertFalse(t.submitSolution(h.version(), h.time(), solved.header().nonce(), new byte[] {0}),
                "a malformed coinbase is refused");
    }

    @Test
    void nodeStatusReportsTipAndNotifies() throws Exception {
        NodeStatus status = new NodeStatus(node);
        List<BlockRef> tips = new ArrayList<>();
        status.handleNotifyBlockTip(tips::add);
        mine(2);
        assertEquals(2, status.getTip().height());
        assertEquals(2, tips.size());
        assertEquals(status.getTip(), tips.get(1));
        assertEquals(0, status.getMempoolSize());
    }

    @Test
    void executeRpcAnswersAsTheServerAndCarriesCoreErrors() throws Exception {
        NodeStatus status = new NodeStatus(node);
        mine(3);
        assertEquals("3", status.executeRpc("getblockcount", "[]", "/"));
        assertEquals("\"" + node.chain().atHeight(2).hash() + "\"", status.executeRpc("getblockhash", "[2]", "/"));
        assertEquals("\"" + node.chain().atHeight(1).hash() + "\"",
                status.executeRpc("getblockhash", "{\"height\":1}", "/"));
        RpcCommand.RpcError unknown = assertThrows(RpcCommand.RpcError.class,
                () -> status.executeRpc("nosuchcommand", "[]", "/"));
        assertEquals(-32601, unknown.code());
        assertEquals("Method not found", unknown.getMessage());
        RpcCommand.RpcError range = assertThrows(RpcCommand.RpcError.class,
                () -> status.executeRpc("getblockhash", "[99]", "/"));
        assertEquals(-8, range.code());
        RpcCommand.RpcError badJson = assertThrows(RpcCommand.RpcError.class,
                () -> status.executeRpc("getblockcount", "[1,", "/"));
        assertEquals(-32700, badJson.code());
    }
}
