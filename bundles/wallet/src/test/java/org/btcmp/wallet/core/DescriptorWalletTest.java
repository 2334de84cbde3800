package org.btcmp.wallet.core;

import org.btcmp.primitives.ChainParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.script.Address;
import org.btcmp.wallet.store.DescriptorRecords;
import org.btcmp.wallet.store.WalletFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorWalletTest {
    static final String ABANDON_ABOUT =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private WalletOptions options(ChainType network) {
        return WalletOptions.of(network).withKeypoolSize(5).withClock(clock);
    }

    private DescriptorWallet createMainnetAbandonAbout() {
        return DescriptorWallet.create(dir.resolve("w"), options(ChainType.MAIN), WalletOptions.Seed.mnemonic(ABANDON_ABOUT, ""));
    }

    @Test
    void addressesFollowBip84AndBip86ForTheSameMnemonic() {
        try (DescriptorWallet w = createMainnetAbandonAbout()) {
            assertEquals("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", w.getNewAddress("bech32", ""));
            assertEquals("bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g", w.getNewAddress("bech32", "second"));
            assertEquals("bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el", w.getRawChangeAddress("bech32"));
            assertEquals("bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr", w.getNewAddress("bech32m", ""));
            assertEquals("bc1p3qkhfews2uk44qtvauqyr2ttdsw7svhkl9nkm9s9c3x4ax5h60wqwruhk7", w.getRawChangeAddress("bech32m"));
            assertTrue(w.getNewAddress("legacy", "").startsWith("1"));
            assertTrue(w.getNewAddress("p2sh-segwit", "").startsWith("3"));
            assertEquals("second", w.addressBookEntry("bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g").orElseThrow().label());
            assertEquals(ABANDON_ABOUT, w.mnemonic());
            assertEquals(8, w.descriptors().size());
        }
    }

    @Test
    void listDescriptorsHasCoresShape() {
        try (DescriptorWallet w = createMainnetAbandonAbout()) {
            w.getNewAddress("bech32", "");
            List<ListedDescriptor> listed = w.listDescriptors(false);
            assertEquals(8, listed.size());
            List<String> texts = listed.stream().map(ListedDescriptor::desc).toList();
            assertEquals(texts.stream().sorted().toList(), texts, "sorted by descriptor text, as Core");
            ListedDescriptor receive = listed.stream()
                    .filter(d -> d.desc().startsWith("wpkh(") && d.desc().contains("/0/*)")).findFirst().orElseThrow();
            assertTrue(receive.active());
            assertEquals(false, receive.internal().orElseThrow());
            assertEquals(1, receive.next().orElseThrow());
            assertEquals(0, receive.range().orElseThrow()[0]);
            assertEquals(5, receive.range().orElseThrow()[1], "keypool of 5 beyond next index 1, inclusive end");
            assertEquals(clock.instant().getEpochSecond(), receive.timestamp());
            assertTrue(receive.desc().startsWith("wpkh([73c5da0a/84h/0h/0h]xpub"), receive.desc());
            List<String> withKeys = w.listDescriptors(true).stream().map(ListedDescriptor::desc).toList();
            assertTrue(withKeys.stream().allMatch(d -> d.contains("xprv")), withKeys.toString());
        }
    }

    @Test
    void noAddressIsHandedOutTwiceAcrossRestarts() {
        Set<String> seen = new HashSet<>();
        DescriptorWallet.create(dir.resolve("w"), options(ChainType.REGTEST), WalletOptions.Seed.random()).close();
        for (int restart = 0; restart < 3; restart++) {
            try (DescriptorWallet w = DescriptorWallet.load(dir.resolve("w"), options(ChainType.REGTEST))) {
                for (int i = 0; i < 7; i++) { // more than the keypool: top-up happens on the way
                    assertTrue(seen.add(w.getNewAddress("bech32", "")), "repeated address");
                    assertTrue(seen.add(w.getRawChangeAddress("bech32")), "repeated change address");
                }
            }
        }
        assertEquals(42, seen.size());
        assertTrue(seen.stream().allMatch(a -> a.startsWith("bcrt1q")));
    }

    @Test
    void aPaymentBeyondTheLastAddressMovesTheKeypoolPastIt() {
        try (DescriptorWallet w = createMainnetAbandonAbout()) {
            DescriptorRecords.Row receive = bech32Receive(w);
            assertEquals(0, receive.nextIndex());
            assertEquals(5, receive.rangeEnd());
            // Another copy of this wallet handed out index 3 and got paid there.
            Script paid = Address.toScript(addressAt(w, 3), ChainParams.of(ChainType.MAIN));
            assertTrue(w.markUsed(paid));
            assertEquals(3, w.findScript(paid).orElseThrow().index());
            assertTrue(w.findScript(paid).orElseThrow().used());
            DescriptorRecords.Row after = bech32Receive(w);
            assertEquals(4, after.nextIndex());
            assertEquals(9, after.rangeEnd(), "five unused scripts stay derived beyond the payment");
            String next = w.getNewAddress("bech32", "");
            assertEquals(addressAt(w, 4), next);
            // A payment below next_index changes nothing but the used flag.
            assertTrue(w.markUsed(Address.toScript(addressAt(w, 1), ChainParams.of(ChainType.MAIN))));
            assertEquals(5, bech32Receive(w).nextIndex());
            assertFalse(w.markUsed(Script.fromHex("0014" + "00".repeat(20))), "not the wallet's script");
        }
    }

    @Test
    void encryptionLocksThePrivateDescriptorsBehindThePassphrase() {
        try (DescriptorWallet w = createMainnetAbandonAbout()) {
            List<String> plain = w.privateDescriptors();
            assertTrue(plain.get(4).startsWith("wpkh(xprv"), plain.get(4));
            w.encrypt("correct horse");
            assertTrue(w.isEncrypted());
            assertEquals(WalletError.UNLOCK_NEEDED, assertThrows(WalletError.class, w::privateDescriptors).code());
            assertEquals(WalletError.UNLOCK_NEEDED, assertThrows(WalletError.class, w::mnemonic).code());
            WalletError wrong = assertThrows(WalletError.class, () -> w.unlock("wrong horse", java.time.Duration.ofSeconds(60)));
            assertEquals(WalletError.PASSPHRASE_INCORRECT, wrong.code());
            assertEquals("Error: The wallet passphrase entered was incorrect.", wrong.getMessage());
            assertTrue(w.getNewAddress("bech32", "").startsWith("bc1q"), "a locked wallet still gives addresses");

            w.unlock("correct horse", java.time.Duration.ofSeconds(60));
            assertEquals(plain, w.privateDescriptors());
            clock.advance(java.time.Duration.ofSeconds(61));
            assertEquals(WalletError.UNLOCK_NEEDED, assertThrows(WalletError.class, w::privateDescriptors).code(),
                    "relocked after the timeout");

            w.changePassphrase("correct horse", "battery staple");
            assertEquals(WalletError.PASSPHRASE_INCORRECT, assertThrows(WalletError.class,
                    () -> w.unlock("correct horse", java.time.Duration.ofSeconds(60))).code());
            w.unlock("battery staple", java.time.Duration.ofSeconds(60));
            assertEquals(ABANDON_ABOUT, w.mnemonic());
            w.lock();
            assertEquals(WalletError.UNLOCK_NEEDED, assertThrows(WalletError.class, w::mnemonic).code());
            assertEquals(WalletError.WRONG_ENC_STATE, assertThrows(WalletError.class, () -> w.encrypt("again")).code());
        }
        try (DescriptorWallet w = DescriptorWallet.load(dir.resolve("w"), options(ChainType.MAIN))) {
            assertTrue(w.isEncrypted());
            w.unlock("battery staple", java.time.Duration.ofSeconds(60));
            assertEquals(ABANDON_ABOUT, w.mnemonic());
        }
    }

    @Test
    void encryptionStateErrorsUseCoresCodes() {
        try (DescriptorWallet w = createMainnetAbandonAbout()) {
            assertEquals(WalletError.WRONG_ENC_STATE, assertThrows(WalletError.class, w::lock).code());
            assertEquals(WalletError.WRONG_ENC_STATE, assertThrows(WalletError.class,
                    () -> w.unlock("x", java.time.Duration.ofSeconds(1))).code());
            assertEquals(WalletError.WRONG_ENC_STATE, assertThrows(WalletError.class,
                    () -> w.changePassphrase("x", "y")).code());
            assertEquals(WalletError.INVALID_PARAMETER, assertThrows(WalletError.class, () -> w.encrypt("")).code());
        }
    }

    @Test
    void aWalletOfAnotherNetworkIsRefused() {
        DescriptorWallet.create(dir.resolve("w"), options(ChainType.REGTEST), WalletOptions.Seed.random()).close();
        WalletFileException e = assertThrows(WalletFileException.class,
                () -> DescriptorWallet.load(dir.resolve("w"), options(ChainType.MAIN)));
        assertTrue(e.getMessage().contains("'regtest'"), e.getMessage());
        DescriptorWallet.load(dir.resolve("w"), options(ChainType.REGTEST)).close();
    }

    @Test
    void aBadMnemonicIsRefusedBeforeAnyFileExists() {
        WalletError e = assertThrows(WalletError.class, () -> DescriptorWallet.create(dir.resolve("w"),
                options(ChainType.MAIN), WalletOptions.Seed.mnemonic(ABANDON_ABOUT.replace("about", "abandon"), "")));
        assertEquals(WalletError.INVALID_PARAMETER, e.code());
        assertFalse(java.nio.file.Files.exists(dir.resolve("w")));
    }

    @Test
    void randomWalletsDiffer() {
        try (DescriptorWallet a = DescriptorWallet.create(dir.resolve("a"), options(ChainType.REGTEST), WalletOptions.Seed.random());
                DescriptorWallet b = DescriptorWallet.create(dir.resolve("b"), options(ChainType.REGTEST), WalletOptions.Seed.random())) {
            assertNotEquals(a.mnemonic(), b.mnemonic());
            assertEquals(24, a.mnemonic().split(" ").length);
            assertNotEquals(a.getNewAddress("bech32", ""), b.getNewAddress("bech32", ""));
        }
    }

    static DescriptorRecords.Row bech32Receive(DescriptorWallet w) {
        return w.descriptors().stream().filter(r -> "bech32".equals(r.outputType()) && !r.internal()).findFirst().orElseThrow();
    }

    /** The address at an index of the bech32 receive descriptor, straight from its public text. */
    static String addressAt(DescriptorWallet w, int index) {
        var d = org.btcmp.wallet.descriptor.DescriptorParser.parse(bech32Receive(w).descriptor(), true, true);
        return Address.fromScript(d.scriptAt(index), ChainParams.of(ChainType.MAIN)).orElseThrow();
    }
}
