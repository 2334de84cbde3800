package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.BlockTemplate;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Init;
import org.btcmp.interfaces.Mining;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.Rpc;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.capnp.transport.CapnpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's Mining, Node and Rpc as a client in another process sees them over node.sock: a block
 * template from Mining is solved here and accepted by the node, Node reports the new tip and calls
 * back on the next one, and Rpc answers JSON-RPC requests without HTTP.
 */
class NodeInterfacesSocketTest {
    private static final String REGTEST_GENESIS = "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206";
    private static final String REGTEST_ADDRESS = "bcrt1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq3xueyj";
    private static final byte[] OP_TRUE = {0x51};

    @TempDir
    Path dataDir;

    @Test
    void miningNodeAndRpcWorkFromAnotherProcess() throws Exception {
        Path socket = dataDir.resolve("regtest/node.sock");
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, socket, "bitcoin-node", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + port, "-listen=0", "-ipcbind=unix");
                Connection connection = new CapnpTransport().connect(IpcAddress.unix(socket))) {
            Init init = connection.remoteInit();
            Mining mining = init.makeMining();
            assertTrue(mining.isTestChain());
            BlockRef genesis = mining.getTip().orElseThrow();
            assertEquals(new BlockRef(REGTEST_GENESIS, 0), genesis);

            BlockTemplate template = mining.createNewBlock(OP_TRUE);
            byte[] header = template.getBlockHeader();
            assertEquals(80, header.length);
            byte[] coinbase = template.getCoinbaseTx();
            int version = readInt(header, 0);
            long time = Integer.toUnsignedLong(readInt(header, 68));
            long nonce = solve(header);
            assertTrue(template.submitSolution(version, time, nonce, coinbase), "the node accepts the solved template");
            BlockRef tip = mining.waitTipChanged(REGTEST_GENESIS, 10_000);
            assertEquals(1, tip.height());
            assertFalse(template.submitSolution(version, time, nonce, new byte[] {0}), "a malformed coinbase is refused");

            Node status = init.makeNode();
            assertEquals(tip, status.getTip());
            assertEquals(0, status.getNodeCount());
            assertTrue(status.getPeers().isEmpty());
            LinkedBlockingQueue<BlockRef> tips = new LinkedBlockingQueue<>();
            Handler handler = status.handleNotifyBlockTip(tips::add);

            Rpc rpc = init.makeRpc();
            String reply = rpc.executeRpc("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"getblockcount\",\"params\":[]}",
                    "/", "");
            assertEquals("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":7}", reply);
            String mined = rpc.executeRpc("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"generatetoaddress\",\"params\":[1,\""
                    + REGTEST_ADDRESS + "\"]}", "/", "");
            assertTrue(mined.contains("\"result\":[\""), mined);
            BlockRef notified = tips.poll(60, TimeUnit.SECONDS);
            assertNotNull(notified, "the Node callback hears of the block mined over Rpc");
            assertEquals(2, notified.height());
            assertEquals(notified, status.getTip());
            String unknown = rpc.executeRpc("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"nosuchmethod\"}", "/", "");
            assertTrue(unknown.contains("\"code\":-32601"), unknown);
            handler.disconnect();
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    /** A nonce that meets regtest's target (top hash byte below 0x7f suffices for bits 0x207fffff). */
    private static long solve(byte[] header) throws Exception {
        byte[] h = Arrays.copyOf(header, 80);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (long nonce = 0; nonce < 1_000_000; nonce++) {
            h[76] = (byte) nonce;
            h[77] = (byte) (nonce >>> 8);
            h[78] = (byte) (nonce >>> 16);
            h[79] = (byte) (nonce >>> 24);
            byte[] hash = sha.digest(sha.digest(h));
            if ((hash[31] & 0xff) < 0x7f) {
                return nonce;
            }
        }
        throw new AssertionError("no nonce below a million meets regtest's target");
    }
}
