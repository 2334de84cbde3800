package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Echo;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.transport.CapnpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bitcoin-node with {@code -ipcbind=unix} as another process sees it: node.sock appears (0600), a
 * client in this JVM reaches the node's Init over Cap'n Proto, its Echo and its real Chain (the
 * seed's example: the block hash at a height), and the socket goes when the node stops.
 */
class NodeSocketTest {
    /** Regtest's genesis block hash (Core's chainparams). */
    private static final String REGTEST_GENESIS = "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206";
    private static final String REGTEST_ADDRESS = "bcrt1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq3xueyj";

    @TempDir
    Path dataDir;

    @Test
    void aClientInAnotherProcessCallsTheNodesEchoAndChainOverNodeSock() throws Exception {
        Path socket = dataDir.resolve("regtest/node.sock");
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, socket, "bitcoin-node", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + port, "-ipcbind=unix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            Executable.Result mined = Executable.run("bitcoin", "rpc", "-datadir=" + dataDir, "-regtest",
                    "-rpcport=" + port, "-rpcwait", "-rpcwaittimeout=60", "generatetoaddress", "2", REGTEST_ADDRESS);
            assertEquals(0, mined.exitCode(), mined.stderr());
            String tip = Executable.run("bitcoin", "rpc", "-datadir=" + dataDir, "-regtest", "-rpcport=" + port,
                    "getblockhash", "2").stdout().strip();

            CapnpTransport transport = new CapnpTransport();
            try (Connection connection = transport.connect(IpcAddress.unix(socket))) {
                try (Echo echo = connection.remoteInit().makeEcho()) {
                    assertEquals("hello over node.sock", echo.echo("hello over node.sock"));
                }
                Chain chain = connection.remoteInit().makeChain();
                assertEquals(2, chain.getHeight().orElseThrow());
                assertEquals(REGTEST_GENESIS, chain.getBlockHash(0).toString());
                assertEquals(tip, chain.getBlockHash(2).toString());
            }

            assertEquals(0, Executable.run("bitcoin", "rpc", "-datadir=" + dataDir, "-regtest", "-rpcport=" + port,
                    "stop").exitCode());
            assertEquals(0, node.awaitExit());
            assertFalse(Files.exists(socket), "the node removes its socket when it stops");
            assertThrows(IpcException.class, () -> new CapnpTransport().connect(IpcAddress.unix(socket)));
        }
    }
}
