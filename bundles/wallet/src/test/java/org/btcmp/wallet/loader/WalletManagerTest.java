package org.btcmp.wallet.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletException;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.node.iface.NodeChain;
import org.btcmp.common.args.ChainType;
import org.btcmp.wallet.core.WalletOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WalletLoader over an in-process regtest node: create, load, unload, list, and Core's refusals. */
class WalletManagerTest {
    @TempDir
    Path dir;
    BitcoinNode node;
    WalletManager loader;
    Path walletsDir;

    @BeforeEach
    void start() throws Exception {
        node = BitcoinNode.start(NodeConfig.regtest(dir.resolve("node"), -1));
        walletsDir = dir.resolve("wallets");
        loader = new WalletManager(new NodeChain(node), walletsDir,
                WalletOptions.of(ChainType.REGTEST).withKeypoolSize(10), 0);
    }

    @AfterEach
    void stop() throws Exception {
        loader.close();
        node.close();
    }

    @Test
    void createLoadUnloadAndList() {
        WalletLoader l = loader;
        List<String> announced = new ArrayList<>();
        Handler h = l.handleLoadWallet(w -> announced.add(w.getWalletName()));
        Wallet a = l.createWallet("a", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
        l.createWallet("b", "secret", WalletLoader.WALLET_FLAG_DESCRIPTORS);
        assertEquals("a", a.getWalletName());
        assertEquals(List.of("a", "b"), l.listWallets());
        assertEquals(List.of("a", "b"), l.getWallets().stream().map(Wallet::getWalletName).toList());
        assertFalse(l.isEncrypted("a"));
        assertTrue(l.isEncrypted("b"));
        assertEquals(List.of("a", "b"), announced);
        String address = a.getNewAddress("bech32", "");

        l.unloadWallet("a");
        assertEquals(List.of("b"), l.listWallets());
        assertEquals(List.of("a", "b"), l.listWalletDir(), "an unloaded wallet is still in the directory");
        h.disconnect();
        Wallet again = l.loadWallet("a");
        assertEquals(List.of("a", "b"), announced, "no announcement after disconnect");
        assertFalse(address.equals(again.getNewAddress("bech32", "")), "an address is never handed out twice");
        assertEquals(walletsDir.toAbsolutePath().normalize().toString(), l.getWalletDir());
    }

    @Test
    void anUnloadByRequestIsHeardOnceAndAProcessStopIsNot() {
        Wallet a = loader.createWallet("a", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
        Wallet b = loader.createWallet("b", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
        List<String> unloaded = new ArrayList<>();
        a.handleUnload(() -> unloaded.add("a"));
        b.handleUnload(() -> unloaded.add("b"));
        Handler withdrawn = b.handleUnload(() -> unloaded.add("b again"));
        withdrawn.disconnect();

        loader.unloadWallet("a");
        assertEquals(List.of("a"), unloaded);
        loader.close();
        assertEquals(List.of("a"), unloaded, "closing the loader (the process stopping) is no unload by request");
        assertEquals(List.of(), loader.listWallets());
    }

    @Test
    void refusalsCarryCoreCodesAndMessages() throws Exception {
        loader.createWallet("w", "", 0);
        WalletException dup = assertThrows(WalletException.class, () -> loader.createWallet("w", "", 0));
        assertEquals(-4, dup.code());
        assertEquals("Failed to create database path '" + walletsDir.toAbsolutePath().resolve("w")
                + "'. Database already exists.", dup.getMessage());
        WalletException loadedTwice = assertThrows(WalletException.class, () -> loader.loadWallet("w"));
        assertEquals(-35, loadedTwice.code());
        assertEquals("Wallet \"w\" is already loaded.", loadedTwice.getMessage());
        WalletException missing = assertThrows(WalletException.class, () -> loader.loadWallet("nope"));
        assertEquals(-18, missing.code());
        assertTrue(missing.getMessage().startsWith("Wallet file verification failed. Failed to load database path '"),
                missing.getMessage());
        assertEquals(-18, assertThrows(WalletException.class, () -> loader.unloadWallet("nope")).code());
        assertEquals(-4, assertThrows(WalletException.class, () -> loader.createWallet("../out", "", 0)).code());
        WalletException passphrase = assertThrows(WalletException.class,
                () -> loader.createWallet("watch", "pass", WalletLoader.WALLET_FLAG_DISABLE_PRIVATE_KEYS));
        assertEquals(-4, passphrase.code(), "a passphrase encrypts private keys, and a watch-only wallet has none");
        assertTrue(passphrase.getMessage().startsWith("Passphrase provided but private keys are disabled."),
                passphrase.getMessage());
        assertFalse(Files.exists(walletsDir.resolve("watch")), "a refused create leaves nothing behind");
    }

    @Test
    void corruptWalletFileIsRefusedAndLeftUntouched() throws Exception {
        Path broken = walletsDir.resolve("broken");
        Files.createDirectories(broken);
        byte[] garbage = "this is not a wallet, just some bytes that must survive".repeat(100).getBytes();
        Files.write(broken.resolve("wallet.dat"), garbage);
        WalletException e = assertThrows(WalletException.class, () -> loader.loadWallet("broken"));
        assertEquals(-18, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Wallet file verification failed. "), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(broken.resolve("wallet.dat")));
        assertEquals(List.of(), loader.listWallets());
    }
}
