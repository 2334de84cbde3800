package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.capnp.transport.CapnpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bitcoin-node serves node.sock while it is still loading its chain (as Core binds first): a client that
 * connects the moment the socket appears gets the node's Chain and Node once the node runs, not an error.
 */
class NodeWarmupSocketTest {
    @TempDir
    Path dataDir;

    @Test
    void aClientConnectingAsSoonAsTheSocketAppearsGetsTheChainOnceTheNodeRuns() throws Exception {
        Path socket = dataDir.resolve("regtest/node.sock");
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, socket, "bitcoin-node", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + port, "-ipcbind=unix", "-nowalletprocess");
                Connection connection = new CapnpTransport().connect(IpcAddress.unix(socket))) {
            Init init = connection.remoteInit();
            assertEquals(0, init.makeChain().getHeight().orElseThrow());
            assertEquals(0, init.makeNode().getTip().height());
        }
    }
}
