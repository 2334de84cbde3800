package org.btcmp.node.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletBalances;
import org.btcmp.interfaces.WalletException;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.ipc.IpcException;
import org.junit.jupiter.api.Test;

/** The node's loader over several wallet processes' loaders. */
class NodeWalletsTest {
    /** A wallet process's loader as the node sees it; {@code dead} makes every call fail as IPC does. */
    private static final class FakeProcess implements WalletLoader {
        final String dir;
        final List<String> loaded = new ArrayList<>();
        final List<LoadWalletListener> listeners = new CopyOnWriteArrayList<>();
        boolean dead;

        FakeProcess(String dir) {
            this.dir = dir;
        }

        private void alive() {
            if (dead) {
                throw new IpcException("connection lost");
            }
        }

        @Override
        public Wallet createWallet(String name, String passphrase, long flags) {
            return loadWallet(name);
        }

        @Override
        public Wallet loadWallet(String name) {
            alive();
            loaded.add(name);
            Wallet wallet = new NamedWallet(name);
            listeners.forEach(l -> l.walletLoaded(wallet));
            return wallet;
        }

        @Override
        public void unloadWallet(String name) {
            alive();
            if (!loaded.remove(name)) {
                throw new WalletException(-18, "Requested wallet does not exist or is not loaded");
            }
        }

        @Override
        public List<String> listWallets() {
            alive();
            return List.copyOf(loaded);
        }

        @Override
        public List<String> listWalletDir() {
            alive();
            return List.of(dir + "-only", "shared");
        }

        @Override
        public String getWalletDir() {
            alive();
            return dir;
        }

        @Override
        public boolean isEncrypted(String name) {
            alive();
            return name.startsWith("enc");
        }

        @Override
        public List<Wallet> getWallets() {
            alive();
            return loaded.stream().map(n -> (Wallet) new NamedWallet(n)).toList();
        }

        @Override
        public Handler handleLoadWallet(LoadWalletListener listener) {
            alive();
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    private record NamedWallet(String name) implements Wallet {
        @Override
        public String getWalletName() {
            return name;
        }

        @Override
        public WalletBalances getBalances() {
            return new WalletBalances(0, 0, 0);
        }

        @Override
        public String getNewAddress(String outputType, String label) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String sendToAddress(String address, long amount, long feeRate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getFeeRate(int confTarget) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long estimateSendFee(String address, long amount, long feeRate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Handler handleBalanceChanged(BalanceChangedListener listener) {
            return () -> { };
        }

        @Override
        public Handler handleUnload(UnloadListener listener) {
            return () -> { };
        }
    }

    private final NodeWallets wallets = new NodeWallets();

    @Test
    void listsSpanEveryProcessAndNewWalletsGoToTheSpawnedOne() {
        FakeProcess connected = new FakeProcess("/connected");
        FakeProcess spawned = new FakeProcess("/spawned");
        wallets.add(connected, false);
        wallets.add(spawned, true);
        connected.loaded.add("c");

        assertEquals("n", wallets.createWallet("n", "", WalletLoader.WALLET_FLAG_DESCRIPTORS).getWalletName());
        assertEquals(List.of("n"), spawned.loaded, "the spawned process, added in front, gets new wallets");
        assertEquals(List.of("n", "c"), wallets.listWallets());
        assertEquals(List.of("n", "c"), wallets.getWallets().stream().map(Wallet::getWalletName).toList());
        assertEquals(List.of("/connected-only", "/spawned-only", "shared"), wallets.listWalletDir(), "sorted, each once");
        assertEquals("/spawned", wallets.getWalletDir());

        WalletException twice = assertThrows(WalletException.class, () -> wallets.loadWallet("c"));
        assertEquals(-35, twice.code());
        assertEquals("Wallet \"c\" is already loaded.", twice.getMessage());
        assertEquals(List.of("n"), spawned.loaded, "the refusal loaded nothing");

        wallets.unloadWallet("c");
        assertEquals(List.of(), connected.loaded, "unloading goes to the process that has the wallet");
        assertEquals(-18, assertThrows(WalletException.class, () -> wallets.unloadWallet("c")).code());
        assertEquals(-18, assertThrows(WalletException.class, () -> wallets.isEncrypted("nowhere")).code());
    }

    @Test
    void aProcessThatDiesOrDeregistersDropsOut() {
        FakeProcess spawned = new FakeProcess("/spawned");
        FakeProcess connected = new FakeProcess("/connected");
        wallets.add(spawned, true);
        Handler registration = wallets.add(connected, false);
        spawned.loaded.add("s");
        connected.loaded.add("c");

        spawned.dead = true;
        assertEquals(List.of("c"), wallets.listWallets(), "a dead process's wallets leave the list");
        spawned.dead = false;
        assertEquals(List.of("c"), wallets.listWallets(), "and it stays out: a restarted process registers anew");
        wallets.loadWallet("x");
        assertEquals(List.of("c", "x"), connected.loaded, "new wallets go to the process left");

        registration.disconnect();
        assertEquals(List.of(), wallets.listWallets());
        assertTrue(wallets.isEmpty());
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> wallets.createWallet("y", "", 0));
        assertTrue(none.getMessage().startsWith("no wallet process serves this node"), none.getMessage());
    }

    @Test
    void loadListenersHearEveryProcessAlsoOnesThatJoinLater() {
        FakeProcess first = new FakeProcess("/first");
        wallets.add(first, true);
        List<String> heard = new ArrayList<>();
        Handler listening = wallets.handleLoadWallet(w -> heard.add(w.getWalletName()));
        FakeProcess later = new FakeProcess("/later");
        wallets.add(later, false);

        wallets.loadWallet("a");
        later.loadWallet("b");
        assertEquals(List.of("a", "b"), heard);

        listening.disconnect();
        assertEquals(List.of(), first.listeners, "the forwards are gone from each process");
        assertEquals(List.of(), later.listeners);
        later.loadWallet("c");
        assertEquals(List.of("a", "b"), heard);
    }
}
