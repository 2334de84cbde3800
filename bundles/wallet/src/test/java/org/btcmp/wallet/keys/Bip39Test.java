package org.btcmp.wallet.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Bip39Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ABANDON_ABOUT =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    @Test
    void publishedVectorsRoundTripAndGiveTheSeed() {
        List<String> rows = VectorFiles.lines("bip39-english.tsv");
        assertEquals(24, rows.size());
        for (String row : rows) {
            String[] f = row.split("\t");
            byte[] entropy = HEX.parseHex(f[0]);
            assertEquals(f[1], Bip39.fromEntropy(entropy), f[0]);
            assertArrayEquals(entropy, Bip39.toEntropy(f[1]), f[1]);
            assertEquals(f[2], HEX.formatHex(Bip39.toSeed(f[1], "TREZOR")), f[1]);
        }
    }

    @Test
    void unknownWordIsNamedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bip39.toEntropy(ABANDON_ABOUT.replace("about", "aboot")));
        assertTrue(e.getMessage().contains("word 12 'aboot'"), e.getMessage());
    }

    @Test
    void wrongChecksumWordIsRefused() {
        String swapped = ABANDON_ABOUT.replace("about", "abandon");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bip39.toEntropy(swapped));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertFalse(Bip39.isValid(swapped));
        assertTrue(Bip39.isValid(ABANDON_ABOUT));
    }

    @Test
    void wordCountAndEntropyLengthAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Bip39.toEntropy("abandon abandon about"));
        assertThrows(IllegalArgumentException.class, () -> Bip39.fromEntropy(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> Bip39.fromEntropy(new byte[33]));
        assertEquals(15, Bip39.fromEntropy(new byte[20]).split(" ").length);
    }

    @Test
    void extraWhitespaceIsTolerated() {
        assertArrayEquals(new byte[16], Bip39.toEntropy("  " + ABANDON_ABOUT.replace(" ", "  \t") + "\n"));
    }
}
