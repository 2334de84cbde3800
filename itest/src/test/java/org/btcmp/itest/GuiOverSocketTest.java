package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.btcmp.gui.view.GuiScenario;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.capnp.transport.CapnpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real GUI on a real X display (Xvfb), as bitcoin-gui -ipcconnect runs it: in this JVM, over node.sock
 * and the Cap'n Proto transport, against a regtest bitcoin-node in another process whose wallets live in
 * the wallet process it spawned. Node and WalletLoader are proxies; the GUI cannot tell. The scenario is
 * GuiRegtestTest's (gui test jar): receive an address, mine to it over RPC, see the balance change without
 * a refresh, send to a second wallet through the send screen, find the transaction in the list.
 */
class GuiOverSocketTest {
    @TempDir
    Path dataDir;

    @Test
    void receiveMineSendAndFindAgainstANodeInAnotherProcess() throws Exception {
        GuiScenario.requireDisplay();
        Path socket = dataDir.resolve("regtest/node.sock");
        int port = RunningNode.freePort();
        WalletRpcScript rpc = new WalletRpcScript(dataDir, port);
        try (RunningNode node = RunningNode.start(dataDir, socket, "bitcoin-node", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + port, "-listen=0", "-ipcbind=unix", "-fallbackfee=0.0002");
                Connection connection = new CapnpTransport().connect(IpcAddress.unix(socket))) {
            rpc.awaitWalletRpc(); // the node's wallet process has joined
            Node nodeProxy = connection.remoteInit().makeNode();
            WalletLoader loader = nodeProxy.walletLoader();
            loader.createWallet("alice", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
            Wallet bob = loader.createWallet("bob", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
            try (GuiScenario gui = GuiScenario.open(nodeProxy, loader, "alice")) {
                gui.receiveMineWatchBalanceSendAndFind(nodeProxy, bob,
                        (blocks, address) -> rpc.ok("generatetoaddress", Integer.toString(blocks), address));
            }
            assertEquals(0, new BigDecimal("1.5").compareTo(new BigDecimal(rpc.ok("-rpcwallet=bob", "getbalance"))),
                    "bob's wallet, in the wallet process, has what the GUI sent");
            assertEquals(0, rpc.rpc("stop").exitCode());
            assertEquals(0, node.awaitExit());
        }
    }
}
