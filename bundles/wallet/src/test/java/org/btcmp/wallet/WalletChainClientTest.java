package org.btcmp.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.node.iface.NodeChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment's entry point: a loader whose commands appear on the node's server and leave with it. */
class WalletChainClientTest {
    @Test
    void startRegistersCommandsAndCloseRemovesThemAndUnloads(@TempDir Path dir) throws Exception {
        try (BitcoinNode node = BitcoinNode.start(NodeConfig.regtest(dir, -1))) {
            Path walletsDir = node.config().networkDir().resolve("wallets");
            WalletChainClient client = WalletChainClient.start(new NodeChain(node), walletsDir, "regtest", 0, 5);
            WalletLoader loader = client.loader();
            assertTrue(node.rpcTable().get("getnewaddress") != null);
            assertTrue(loader.createWallet("w", "", WalletLoader.WALLET_FLAG_DESCRIPTORS).getNewAddress("bech32", "")
                    .startsWith("bcrt1q"));
            client.close();
            assertNull(node.rpcTable().get("getnewaddress"));
            assertEquals(List.of(), loader.listWallets());
            assertEquals(List.of("w"), loader.listWalletDir());
            assertThrows(IllegalArgumentException.class,
                    () -> WalletChainClient.start(new NodeChain(node), walletsDir, "mainnet", 0, 5));
        }
    }
}
