package org.btcmp.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP and JSON-RPC layer as a Core client sees it: auth, versions, batches, errors, limits. */
class RpcServerTest {
    @TempDir
    Path dir;
    BitcoinNode node;
    RpcClient rpc;
    Path cookie;

    @BeforeEach
    void start() throws Exception {
        node = BitcoinNode.start(NodeConfig.regtest(dir, -1));
        cookie = dir.resolve("regtest/.cookie");
        rpc = RpcClient.withCookie(node.rpcPort(), cookie);
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
    void cookieIsPrivateAndRemovedAtShutdown() throws Exception {
        assertTrue(Files.readString(cookie).startsWith("__cookie__:"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cookie)));
        node.close();
        assertFalse(Files.exists(cookie));
    }

    @Test
    void debugLogRecordsStartupAndTipUpdates() throws Exception {
        rpc.call("generatetoaddress", "[1, \"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\"]");
        String log = Files.readString(dir.resolve("regtest/debug.log"));
        assertTrue(log.contains("Loaded best chain"), log);
        assertTrue(log.contains("UpdateTip: new best=" + rpc.call("getbestblockhash", "[]") + " height=1"), log);
    }

    @Test
    void callsDuringWarmupGetMinus28() throws Exception {
        RpcTable table = new RpcTable();
        JsonRpcDispatcher d = new JsonRpcDispatcher(table, () -> "Loading block index…");
        JsonRpcDispatcher.Reply r = d.handle("{\"method\":\"getblockcount\",\"id\":1}", "/");
        assertEquals(500, r.status());
        Map<String, Object> e = map(map(Json.parse(r.body())).get("error"));
        assertEquals(-28L, e.get("code"));
        assertEquals("Loading block index…", e.get("message"));
    }

    @Test
    void missingOrWrongCredentialsGet401() throws Exception {
        assertEquals(401, new RpcClient(node.rpcPort(), null).post("{\"method\":\"getblockcount\"}").status());
        assertEquals(401, new RpcClient(node.rpcPort(), "__cookie__:nope").post("{\"method\":\"getblockcount\"}")
                .status());
    }

    @Test
    void onlyPostIsServed() throws Exception {
        assertEquals(405, rpc.send("GET", "/", null).status());
    }

    @Test
    void legacyReplyCarriesResultErrorAndId() throws Exception {
        RpcClient.Response r = rpc.post("{\"method\":\"getblockcount\",\"params\":[],\"id\":7}");
        assertEquals(200, r.status());
        assertEquals("{\"result\":0,\"error\":null,\"id\":7}", r.body().trim());
    }

    @Test
    void jsonRpc2ReplyHasNoErrorMemberAndErrorsAre200() throws Exception {
        RpcClient.Response ok = rpc.post("{\"jsonrpc\":\"2.0\",\"method\":\"getblockcount\",\"id\":\"a\"}");
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":0,\"id\":\"a\"}", ok.body().trim());
        RpcClient.Response err = rpc.post("{\"jsonrpc\":\"2.0\",\"method\":\"nosuch\",\"id\":1}");
        assertEquals(200, err.status());
        assertEquals(-32601L, map(map(err.json()).get("error")).get("code"));
        assertFalse(map(err.json()).containsKey("result"));
    }

    @Test
    void legacyErrorsUseCoreStatusCodes() throws Exception {
        RpcClient.Response notFound = rpc.post("{\"method\":\"nosuch\",\"id\":1}");
        assertEquals(404, notFound.status());
        assertEquals(-32601L, map(map(notFound.json()).get("error")).get("code"));
        RpcClient.Response badParam = rpc.post("{\"method\":\"getblockhash\",\"params\":[5],\"id\":1}");
        assertEquals(500, badParam.status());
        assertEquals(-8L, map(map(badParam.json()).get("error")).get("code"));
        assertEquals("Block height out of range", map(map(badParam.json()).get("error")).get("message"));
    }

    @Test
    void malformedJsonIsAParseError() throws Exception {
        RpcClient.Response r = rpc.post("{\"method\":");
        assertEquals(500, r.status());
        assertEquals(-32700L, map(map(r.json()).get("error")).get("code"));
        assertEquals(200, rpc.post("{\"method\":\"getblockcount\"}").status(), "the server keeps serving");
    }

    @Test
    void wrongParameterTypeIsATypeError() throws Exception {
        RpcClient.Response r = rpc.post("{\"method\":\"getblockhash\",\"params\":[\"zero\"],\"id\":1}");
        Map<String, Object> e = map(map(r.json()).get("error"));
        assertEquals(-3L, e.get("code"));
        assertEquals("JSON value of type string is not of expected type number", e.get("message"));
    }

    @Test
    void namedParametersMapToPositions() throws Exception {
        Object hash = rpc.call("getblockhash", "{\"height\":0}");
        assertEquals(node.chain().params().genesisHash().toString(), hash);
        RpcClient.Response r = rpc.post("{\"method\":\"getblockhash\",\"params\":{\"hieght\":0},\"id\":1}");
        assertEquals("Unknown named parameter hieght", map(map(r.json()).get("error")).get("message"));
        assertEquals(0L, rpc.call("getblockcount", "{}"), "params may be an empty object");
    }

    @Test
    void aNamedArgsArraySuppliesTheLeadingPositionsAsBitcoinCliNamedSendsThem() throws Exception {
        assertEquals(node.chain().params().genesisHash().toString(), rpc.call("getblockhash", "{\"args\":[0]}"));
        RpcClient.Response r = rpc.post("{\"method\":\"getblockhash\",\"params\":{\"args\":[0],\"height\":0},\"id\":1}");
        assertEquals("Parameter height specified twice both as positional and named argument",
                map(map(r.json()).get("error")).get("message"));
    }

    @Test
    void batchesReplyInOrderAndSkip2NotificationsOnly() throws Exception {
        RpcClient.Response r = rpc.post("[{\"method\":\"getblockcount\",\"id\":1},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"getblockcount\"},{\"method\":\"nosuch\",\"id\":3}]");
        assertEquals(200, r.status());
        List<?> replies = (List<?>) r.json();
        assertEquals(2, replies.size());
        assertEquals(0L, map(replies.get(0)).get("result"));
        assertEquals(3L, map(replies.get(1)).get("id"));
    }

    @Test
    void notificationGets204() throws Exception {
        assertEquals(204, rpc.post("{\"jsonrpc\":\"2.0\",\"method\":\"getblockcount\"}").status());
    }

    @Test
    void oversizedBodyIsRefusedAndServerKeepsServing() throws Exception {
        byte[] big = new byte[HttpRpcServer.MAX_BODY + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertEquals(413, rpc.send("POST", "/", big).status());
        assertEquals(0L, rpc.call("getblockcount", "[]"));
    }

    @Test
    void badHexAndInvalidTransactionsGetCoreCodes() throws Exception {
        RpcClient.Response bad = rpc.post("{\"method\":\"sendrawtransaction\",\"params\":[\"zz\"],\"id\":1}");
        assertEquals(-22L, map(map(bad.json()).get("error")).get("code"));
        RpcClient.Response badBlock = rpc.post("{\"method\":\"getblock\",\"params\":[\"00\"],\"id\":1}");
        assertEquals(-8L, map(map(badBlock.json()).get("error")).get("code"));
        assertEquals(-5L, map(map(rpc.post("{\"method\":\"getblock\",\"params\":[\"" + "11".repeat(32)
                + "\"],\"id\":1}").json()).get("error")).get("code"));
    }

    @Test
    void tooManyArgumentsReturnsHelp() throws Exception {
        RpcClient.Response r = rpc.post("{\"method\":\"getblockcount\",\"params\":[1],\"id\":1}");
        Map<String, Object> e = map(map(r.json()).get("error"));
        assertEquals(-1L, e.get("code"));
        assertTrue(((String) e.get("message")).startsWith("getblockcount"));
    }

    @Test
    void stopRepliesThenShutsDown() throws Exception {
        assertEquals("Bitcoin Core stopping", rpc.call("stop", "[]"));
        long deadline = System.currentTimeMillis() + 20_000;
        while (Files.exists(cookie) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(Files.exists(cookie));
    }

    @Test
    void mineAndInspectBlocks() throws Exception {
        String addr = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
        List<?> hashes = (List<?>) rpc.call("generatetoaddress", "[3, \"" + addr + "\"]");
        assertEquals(3, hashes.size());
        assertEquals(3L, rpc.call("getblockcount", "[]"));
        Map<String, Object> b = map(rpc.call("getblock", "[\"" + hashes.get(2) + "\"]"));
        assertEquals(3L, b.get("height"));
        assertEquals(1L, b.get("confirmations"));
        Map<String, Object> b2 = map(rpc.call("getblock", "[\"" + hashes.get(2) + "\", 2]"));
        Map<String, Object> cb = map(((List<?>) b2.get("tx")).get(0));
        Map<String, Object> out0 = map(((List<?>) cb.get("vout")).get(0));
        assertEquals("50.00000000", out0.get("value").toString());
        assertEquals(addr, map(out0.get("scriptPubKey")).get("address"));
        String hex = (String) rpc.call("getblock", "[\"" + hashes.get(2) + "\", 0]");
        assertEquals(hashes.get(2), org.btcmp.primitives.Block.fromHex(hex).hash().toString());
        Map<String, Object> info = map(rpc.call("getblockchaininfo", "[]"));
        assertEquals("regtest", info.get("chain"));
        assertEquals(hashes.get(2), info.get("bestblockhash"));
        RpcClient.Response invalid = rpc.post("{\"method\":\"generatetoaddress\",\"params\":[1,\"bc1nope\"],\"id\":1}");
        assertEquals(-5L, map(map(invalid.json()).get("error")).get("code"));
    }
}
