package org.btcmp.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletException;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.capnp.transport.CapnpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client holding only the node's Node (as a GUI does) reaches the wallets of every wallet process
 * through {@code Node.walletLoader()} over node.sock: bitcoin-node's spawned wallet process and one a
 * user started with -ipcconnect. New wallets go to the spawned process; lists, balances and payments
 * span both; a load in either is heard; a wallet process killed drops out of the lists.
 */
class NodeWalletLoaderTest {
    private static final long NO_HANG_SECONDS = 60;
    private static final long COIN = 100_000_000L;

    @TempDir
    Path dataDir;

    @Test
    void theNodesWalletLoaderSpansTheSpawnedAndAConnectedWalletProcess() throws Exception {
        Executable.Result created = Executable.run("bitcoin", "wallet", "-regtest", "-datadir=" + dataDir, "-wallet=b", "create");
        assertEquals(0, created.exitCode(), created.stderr());
        Path socket = dataDir.resolve("regtest/node.sock");
        int port = RunningNode.freePort();
        try (RunningNode node = RunningNode.start(dataDir, socket, "bitcoin-node", "-regtest", "-datadir=" + dataDir,
                "-rpcport=" + port, "-ipcbind=unix", "-fallbackfee=0.0002");
                Connection connection = new CapnpTransport().connect(IpcAddress.unix(socket))) {
            WalletRpcScript rpc = new WalletRpcScript(dataDir, port);
            rpc.awaitWalletRpc();
            Node status = connection.remoteInit().makeNode();
            WalletLoader loader = status.walletLoader();
            LinkedBlockingQueue<String> loads = new LinkedBlockingQueue<>();
            Handler heard = loader.handleLoadWallet(w -> loads.add(w.getWalletName()));

            Wallet a = loader.createWallet("a", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
            assertEquals("a", a.getWalletName());
            assertEquals("a", loads.poll(NO_HANG_SECONDS, TimeUnit.SECONDS), "the load listener hears of a");

            try (RunningNode connected = RunningNode.launch(dataDir, "bitcoin-wallet", "-regtest", "-datadir=" + dataDir,
                    "-ipcconnect=unix", "-wallet=b", "-fallbackfee=0.0002")) {
                await(() -> loader.listWallets().equals(List.of("a", "b")), "listWallets spans both processes");
                List<Wallet> wallets = loader.getWallets();
                assertEquals(List.of("a", "b"), wallets.stream().map(Wallet::getWalletName).toList());
                Wallet b = wallets.get(1);
                assertTrue(loader.listWalletDir().containsAll(List.of("a", "b")), loader.listWalletDir().toString());
                assertEquals(dataDir.resolve("regtest/wallets").toString(), loader.getWalletDir());
                loader.createWallet("d", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
                assertEquals("d", loads.poll(NO_HANG_SECONDS, TimeUnit.SECONDS));
                assertEquals(List.of("a", "d", "b"), loader.listWallets(),
                        "a new wallet goes to the node's spawned process, listed before the connected process's");

                WalletException twice = assertThrows(WalletException.class, () -> loader.loadWallet("b"));
                assertEquals(-35, twice.code(), "one wallet is never loaded in two processes");
                assertEquals("Wallet \"b\" is already loaded.", twice.getMessage());

                String toA = a.getNewAddress("bech32", "");
                status.executeRpc("generatetoaddress", "[101,\"" + toA + "\"]", "/");
                await(() -> a.getBalances().trusted() == 50 * COIN, "a's matured coinbase");
                String toB = b.getNewAddress("bech32", "");
                a.sendToAddress(toB, 5 * COIN, 0);
                status.executeRpc("generatetoaddress", "[1,\"" + toA + "\"]", "/");
                await(() -> b.getBalances().trusted() == 5 * COIN, "the connected process's wallet got the payment");
                assertEquals(0, b.getBalances().immature());
                assertTrue(a.getBalances().trusted() < 95 * COIN && a.getBalances().trusted() > 94 * COIN,
                        "a paid 5 and a fee, and has a second matured coinbase: " + a.getBalances());

                connected.process().destroyForcibly();
                connected.process().waitFor(NO_HANG_SECONDS, TimeUnit.SECONDS);
                await(() -> loader.listWallets().equals(List.of("a", "d")), "the killed process's wallet left the lists");
                WalletException gone = assertThrows(WalletException.class, () -> loader.unloadWallet("b"));
                assertEquals(-18, gone.code());
            }
            Wallet c = loader.createWallet("c", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
            assertEquals("c", loads.poll(NO_HANG_SECONDS, TimeUnit.SECONDS));
            assertEquals(0, c.getBalances().trusted());
            loader.unloadWallet("c");
            assertEquals(List.of("a", "d"), loader.listWallets());
            heard.disconnect();

            assertEquals(0, rpc.rpc("stop").exitCode());
            assertEquals(0, node.awaitExit());
        }
    }

    /** Polls {@code condition} until it holds (bounded). */
    static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NO_HANG_SECONDS);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + NO_HANG_SECONDS + " s");
            }
            Thread.sleep(50);
        }
    }
}
