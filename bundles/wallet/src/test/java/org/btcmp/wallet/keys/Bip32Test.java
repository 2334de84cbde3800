package org.btcmp.wallet.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.btcmp.primitives.DecodeException;
import org.junit.jupiter.api.Test;

class Bip32Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void publishedChainsDeriveAndSerializeExactly() {
        ExtendedKey master = null;
        int chains = 0;
        for (String line : VectorFiles.lines("bip32.txt")) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "seed" -> master = ExtendedKey.fromSeed(HEX.parseHex(f[1]), true);
                case "chain" -> {
                    KeyPath path = KeyPath.parse(f[1]);
                    ExtendedKey key = master.derive(path);
                    assertEquals(f[3], key.serialize(), "xprv of " + f[1]);
                    assertEquals(f[2], key.neuter().serialize(), "xpub of " + f[1]);
                    assertEquals(f[3], ExtendedKey.parse(f[3]).serialize(), "round trip of " + f[1]);
                    assertEquals(f[2], ExtendedKey.parse(f[2]).serialize(), "round trip of " + f[1]);
                    chains++;
                }
                case "invalid" -> { }
                default -> throw new AssertionError("unknown vector line " + line);
            }
        }
        assertEquals(17, chains);
    }

    @Test
    void publicDerivationMatchesPrivateDerivationForNormalSteps() {
        // Vector 1's m/0h/1: from the xpub of m/0h by public derivation only.
        ExtendedKey m0h = ExtendedKey.parse(
                "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw");
        assertFalse(m0h.hasPrivateKey());
        assertEquals("xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ",
                m0h.derive(1).serialize());
        assertThrows(IllegalStateException.class, () -> m0h.derive(KeyPath.HARDENED | 1));
    }

    @Test
    void everyPublishedInvalidKeyIsRefused() {
        List<String> invalid = VectorFiles.lines("bip32.txt").stream().filter(l -> l.startsWith("invalid ")).toList();
        assertEquals(16, invalid.size());
        for (String line : invalid) {
            String key = line.split(" ")[1];
            assertThrows(DecodeException.class, () -> ExtendedKey.parse(key), line);
        }
    }

    @Test
    void bip39VectorsGiveTheirRootKeys() {
        for (String row : VectorFiles.lines("bip39-english.tsv")) {
            String[] f = row.split("\t");
            ExtendedKey root = ExtendedKey.fromSeed(Bip39.toSeed(f[1], "TREZOR"), true);
            assertEquals(f[3], root.serialize(), f[1]);
        }
    }

    @Test
    void testNetworkKeysUseTprvAndTpub() {
        ExtendedKey key = ExtendedKey.fromSeed(HEX.parseHex("000102030405060708090a0b0c0d0e0f"), false);
        assertTrue(key.serialize().startsWith("tprv"));
        assertTrue(key.neuter().serialize().startsWith("tpub"));
        assertFalse(ExtendedKey.parse(key.serialize()).isMainnet());
        assertTrue(key.toString().startsWith("tpub"), "toString never shows the private key");
    }

    @Test
    void pathsParseBothHardenedMarkersAndPrintCoresForm() {
        assertEquals("m/84h/1h/0h/0", KeyPath.parse("m/84'/1h/0'/0").toString());
        assertEquals("/0/2147483647h", KeyPath.parse("0/2147483647h").suffix());
        assertThrows(IllegalArgumentException.class, () -> KeyPath.parse("m/2147483648"));
        assertThrows(IllegalArgumentException.class, () -> KeyPath.parse("m/1H"));
        assertThrows(IllegalArgumentException.class, () -> KeyPath.parse("m/0/"));
        assertThrows(IllegalArgumentException.class, () -> KeyPath.parse("m/-1"));
    }
}
