package org.btcmp.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiningAndDescriptorRpcTest {
    private static final String KEY = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    @TempDir
    Path dir;
    BitcoinNode node;
    RpcClient rpc;

    @BeforeEach
    void start() throws Exception {
        node = BitcoinNode.start(NodeConfig.regtest(dir, -1));
        rpc = RpcClient.withCookie(node.rpcPort(), dir.resolve("regtest/.cookie"));
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void descriptorInfoDeriveAndGenerate() throws Exception {
        Map<String, Object> info = map(rpc.call("getdescriptorinfo", "[\"wpkh(" + KEY + ")\"]"));
        String desc = (String) info.get("descriptor");
        assertTrue(desc.startsWith("wpkh(" + KEY + ")#"));
        assertEquals(true, info.get("issolvable"));
        List<?> addrs = (List<?>) rpc.call("deriveaddresses", "[\"" + desc + "\"]");
        assertEquals("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", addrs.get(0));
        RpcClient.Response noChecksum = rpc.post("{\"method\":\"deriveaddresses\",\"params\":[\"wpkh(" + KEY
                + ")\"],\"id\":1}");
        assertEquals("Missing checksum", map(map(noChecksum.json()).get("error")).get("message"));
        List<?> hashes = (List<?>) rpc.call("generatetodescriptor", "[2, \"" + desc + "\"]");
        assertEquals(2, hashes.size());
        Map<String, Object> b = map(rpc.call("getblock", "[\"" + hashes.get(1) + "\", 2]"));
        Map<String, Object> out = map(((List<?>) map(((List<?>) b.get("tx")).get(0)).get("vout")).get(0));
        assertEquals(addrs.get(0), map(out.get("scriptPubKey")).get("address"));
    }

    @Test
    void blockTemplateNeedsSegwitRuleAndDescribesTheNextBlock() throws Exception {
        RpcClient.Response bad = rpc.post("{\"method\":\"getblocktemplate\",\"params\":[{}],\"id\":1}");
        assertEquals(-8L, map(map(bad.json()).get("error")).get("code"));
        Map<String, Object> t = map(rpc.call("getblocktemplate", "[{\"rules\":[\"segwit\"]}]"));
        assertEquals(1L, t.get("height"));
        assertEquals(node.chain().params().genesisHash().toString(), t.get("previousblockhash"));
        assertEquals(50_00000000L, t.get("coinbasevalue"));
        assertEquals("207fffff", t.get("bits"));
        assertTrue(((String) t.get("default_witness_commitment")).startsWith("6a24aa21a9ed"));
    }

    @Test
    void submitblockReportsCoreResults() throws Exception {
        rpc.call("generatetoaddress", "[1, \"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\"]");
        String hash = (String) rpc.call("getbestblockhash", "[]");
        String hex = (String) rpc.call("getblock", "[\"" + hash + "\", 0]");
        assertEquals("duplicate", rpc.call("submitblock", "[\"" + hex + "\"]"));
        RpcClient.Response garbage = rpc.post("{\"method\":\"submitblock\",\"params\":[\"00\"],\"id\":1}");
        assertEquals(-22L, map(map(garbage.json()).get("error")).get("code"));
        org.btcmp.primitives.Block b = org.btcmp.primitives.Block.fromHex(hex);
        org.btcmp.primitives.Block tampered = org.btcmp.node.chain.Miner.solve(new org.btcmp.primitives.Block(
                b.header().withMerkleRoot(org.btcmp.primitives.Hash256.ZERO), b.transactions()));
        String tamperedHex = org.btcmp.primitives.Hex.encode(tampered.toBytes());
        assertEquals("bad-txnmrklroot", rpc.call("submitblock", "[\"" + tamperedHex + "\"]"));
        assertEquals(hash, rpc.call("getbestblockhash", "[]"));
    }
}
