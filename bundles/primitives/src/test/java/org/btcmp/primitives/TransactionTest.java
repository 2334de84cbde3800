package org.btcmp.primitives;

import org.btcmp.common.args.ChainType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransactionTest {
    /** BIP143's native P2WPKH example, signed. */
    static final String SEGWIT = "01000000000102fff7f7881a8099afa6940d42d1e7f6362bec38171ea3edf433541db4e4ad969f"
            + "00000000494830450221008b9d1dc26ba6a9cb62127b02742fa9d754cd3bebf337f7a55d114c8e5cdd30be022040529b194ba3"
            + "f9281a99f2b1c0a19c0489bc22ede944ccf4ecbab4cc618ef3ed01eeffffffef51e1b804cc89d182d279655c3aa89e815b1b"
            + "309fe287d9b2b55d57b90ec68a0100000000ffffffff02202cb206000000001976a9148280b37df378db99f66f85c95a783a"
            + "76ac7a6d5988ac9093510d000000001976a9143bde42dbee7e4dbe6a21b2d50ce2f0167faa815988ac000247304402203609"
            + "e17b84f6a7d30c80bfa610b5b4542f32a8a0d5447a12fb1366d7f01cc44a0220573a954c4518331561406f90300e8f3358f5"
            + "1928d43c212a8caed02de67eebee0121025476c2e83188368da1ff3e292e7acafcdb3566bb0ad253f62fc70f07aeee635711"
            + "000000";

    @Test
    void segwitRoundTripAndIds() {
        Transaction tx = Transaction.fromHex(SEGWIT);
        assertEquals(SEGWIT, Hex.encode(tx.toBytes()));
        assertTrue(tx.hasWitness());
        assertEquals(2, tx.inputs().size());
        assertEquals(2, tx.outputs().size());
        assertEquals(0x11, tx.lockTime());
        assertEquals(112340000L, tx.outputs().get(0).value());
        assertEquals(Hashes.hash256(tx.toBytesNoWitness()), tx.txid());
        assertEquals(Hashes.hash256(tx.toBytes()), tx.wtxid());
        assertNotEquals(tx.txid(), tx.wtxid());
        assertEquals(tx.baseSize() * 3 + tx.totalSize(), tx.weight());
        assertTrue(tx.inputs().get(1).hasWitness());
        assertFalse(tx.inputs().get(0).hasWitness());
    }

    @Test
    void legacyTxidEqualsWtxid() {
        Transaction cb = ChainParams.of(ChainType.REGTEST).genesis().transactions().get(0);
        assertEquals(cb.txid(), cb.wtxid());
        assertTrue(cb.isCoinbase());
        assertArrayEquals(cb.toBytes(), Transaction.fromBytes(cb.toBytes()).toBytes());
    }

    @Test
    void truncatedTransactionNamesFieldAndOffset() {
        String cut = SEGWIT.substring(0, 100);
        DecodeException e = assertThrows(DecodeException.class, () -> Transaction.fromHex(cut));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void everyTruncationIsACleanError() {
        byte[] full = Hex.decode(SEGWIT);
        for (int n = 0; n < full.length; n++) {
            byte[] part = java.util.Arrays.copyOf(full, n);
            assertThrows(DecodeException.class, () -> Transaction.fromBytes(part), "length " + n);
        }
    }

    @Test
    void trailingBytesAreRefused() {
        DecodeException e = assertThrows(DecodeException.class, () -> Transaction.fromHex(SEGWIT + "00"));
        assertTrue(e.getMessage().contains("extra"), e.getMessage());
    }

    @Test
    void superfluousWitnessRecordIsRefused() {
        // version, marker+flag, one input with empty scriptSig, one output, empty witness, locktime
        String hex = "02000000" + "0001" + "01" + "00".repeat(32) + "00000000" + "00" + "ffffffff"
                + "01" + "0000000000000000" + "00" + "00" + "00000000";
        DecodeException e = assertThrows(DecodeException.class, () -> Transaction.fromHex(hex));
        assertTrue(e.getMessage().contains("superfluous witness"), e.getMessage());
    }

    @Test
    void unknownFlagIsRefused() {
        String hex = "02000000" + "0002" + "01" + "00".repeat(32) + "00000000" + "00" + "ffffffff"
                + "01" + "0000000000000000" + "00" + "00000000";
        assertThrows(DecodeException.class, () -> Transaction.fromHex(hex));
    }

    @Test
    void nonCanonicalCompactSizeIsRefused() {
        ByteReader r = new ByteReader(Hex.decode("fd0500"));
        DecodeException e = assertThrows(DecodeException.class, () -> r.readCompactSize("count"));
        assertTrue(e.getMessage().contains("non-canonical"), e.getMessage());
        assertThrows(DecodeException.class, () -> new ByteReader(Hex.decode("fe00000010")).readCompactSize("x"),
                "over MAX_SIZE");
    }

    @Test
    void hugeCountDoesNotAllocate() {
        assertThrows(DecodeException.class, () -> Transaction.fromHex("01000000fe00000001"));
    }

    @Test
    void badHexIsACleanError() {
        assertThrows(DecodeException.class, () -> Transaction.fromHex("0g"));
        assertThrows(DecodeException.class, () -> Transaction.fromHex("abc"));
    }
}
