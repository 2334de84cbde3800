package org.btcmp.wallet.core;

import org.btcmp.primitives.ChainParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.script.Address;
import org.btcmp.wallet.descriptor.DescriptorChecksum;
import org.btcmp.wallet.descriptor.DescriptorParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing descriptors with private keys (BIP382/386 keys and scripts as expected results). */
class ImportDescriptorTest {
    private static final String XPRV_13H = "xprv9vHkqa6EV4sPZHYqZznhT2NPtPCjKuDKGY38FBWLvgaDx45zo9WQRUT3dKYnjwih2yJD9mkrocEZXo1ex8G81dwSM1fwqWpWkeS3v86pgKt";
    private static final String XPUB_13H = "xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap6r1D3tgFxHmwMkQTPH";
    private static final String WPKH_RANGED = DescriptorChecksum.append("wpkh([ffffffff/13h]" + XPRV_13H + "/1/2/*)");

    @TempDir
    Path dir;

    private DescriptorWallet wallet() {
        return DescriptorWallet.create(dir.resolve("w"), WalletOptions.of(ChainType.MAIN).withKeypoolSize(3),
                WalletOptions.Seed.mnemonic(DescriptorWalletTest.ABANDON_ABOUT, ""));
    }

    private static Script hex(String h) {
        return Script.fromHex(h);
    }

    @Test
    void aRangedImportRecognisesItsScripts() {
        try (DescriptorWallet w = wallet()) {
            w.importDescriptor(WPKH_RANGED, false, false, 2, "");
            for (String spk : new String[] {"0014326b2249e3a25d5dc60935f044ee835d090ba859",
                "0014af0bd98abc2f2cae66e36896a39ffe2d32984fb7", "00141fa798efd1cbf95cebf912c031b8a4a6e9fb9f27"}) {
                assertTrue(w.findScript(hex(spk)).isPresent(), spk);
            }
            assertEquals(9, w.descriptors().size());
            assertEquals("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", w.getNewAddress("bech32", ""),
                    "an inactive import leaves the active descriptors alone");
            assertTrue(w.privateDescriptors().contains(WPKH_RANGED));
        }
    }

    @Test
    void anActiveImportReplacesTheActiveDescriptorOfItsType() {
        String tr = DescriptorChecksum.append("tr(" + XPRV_13H + "/0/*)");
        try (DescriptorWallet w = wallet()) {
            w.importDescriptor(tr, true, false, 0, "");
            String expected = Address.fromScript(DescriptorParser.parse(tr, true, true).scriptAt(0),
                    ChainParams.of(ChainType.MAIN)).orElseThrow();
            assertEquals(expected, w.getNewAddress("bech32m", ""));
            assertEquals(1, w.descriptors().stream().filter(r -> "bech32m".equals(r.outputType()) && r.active()
                    && !r.internal()).count());
        }
    }

    @Test
    void badImportsAreRefusedWithCoresCodesAndChangeNothing() {
        try (DescriptorWallet w = wallet()) {
            WalletError noChecksum = assertThrows(WalletError.class,
                    () -> w.importDescriptor("wpkh(" + XPRV_13H + "/0/*)", false, false, 0, ""));
            assertEquals(WalletError.INVALID_ADDRESS_OR_KEY, noChecksum.code());
            assertEquals("Missing checksum", noChecksum.getMessage());
            WalletError watchOnly = assertThrows(WalletError.class, () -> w.importDescriptor(
                    DescriptorChecksum.append("wpkh(" + XPUB_13H + "/0/*)"), false, false, 0, ""));
            assertEquals(WalletError.WALLET_ERROR, watchOnly.code());
            assertEquals(WalletError.INVALID_PARAMETER, assertThrows(WalletError.class, () -> w.importDescriptor(
                    DescriptorChecksum.append("wpkh(L4rK1yDtCWekvXuE6oXD9jCYfFNV2cWRpVuPLBcCU2z8TrisoyY1)"), true, false, 0, ""))
                    .code());
            assertEquals(WalletError.INVALID_PARAMETER, assertThrows(WalletError.class,
                    () -> w.importDescriptor(WPKH_RANGED, false, false, 2, "label")).code());
            WalletError testnetKey = assertThrows(WalletError.class, () -> w.importDescriptor(DescriptorChecksum.append(
                    "wpkh(tprv8ZgxMBicQKsPeuVhWwi6wuMQGfPKi9Li5GtX35jVNknACgqe3CY4g5xgkfDDJcmtF7o1QnxWDRYw4H5P26PXq7sbcUkEqeR4fg3Kxp2tigg/0/*)"),
                    false, false, 0, ""));
            assertEquals(WalletError.INVALID_ADDRESS_OR_KEY, testnetKey.code());
            assertEquals(8, w.descriptors().size());
        }
    }

    @Test
    void aSingleKeyImportCarriesItsLabel() {
        try (DescriptorWallet w = wallet()) {
            w.importDescriptor(DescriptorChecksum.append("wpkh(L4rK1yDtCWekvXuE6oXD9jCYfFNV2cWRpVuPLBcCU2z8TrisoyY1)"),
                    false, false, 0, "savings");
            Script spk = hex("00149a1c78a507689f6f54b847ad1cef1e614ee23f1e");
            assertTrue(w.findScript(spk).isPresent());
            String address = Address.fromScript(spk, ChainParams.of(ChainType.MAIN)).orElseThrow();
            assertEquals("savings", w.addressBookEntry(address).orElseThrow().label());
        }
    }

    @Test
    void anEncryptedWalletImportsOnlyWhenUnlockedAndStoresTheKeyEncrypted() throws Exception {
        try (DescriptorWallet w = wallet()) {
            w.encrypt("pass");
            assertEquals(WalletError.UNLOCK_NEEDED, assertThrows(WalletError.class,
                    () -> w.importDescriptor(WPKH_RANGED, false, false, 2, "")).code());
            assertEquals(8, w.descriptors().size());
            w.unlock("pass", Duration.ofMinutes(5));
            w.importDescriptor(WPKH_RANGED, false, false, 2, "");
            assertTrue(w.privateDescriptors().contains(WPKH_RANGED));
            byte[] file = Files.readAllBytes(w.file());
            Path log = Path.of(w.file() + "-wal");
            byte[] wal = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
            String everything = new String(file, StandardCharsets.ISO_8859_1) + new String(wal, StandardCharsets.ISO_8859_1);
            assertFalse(everything.contains(XPRV_13H), "imported private key written in plaintext");
            assertTrue(everything.contains("ffffffff/13h]" + XPUB_13H), "the public text is stored as is");
        }
    }
}
