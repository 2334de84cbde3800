package org.btcmp.gui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Bip21Test {
    @Test
    void addressAloneAmountAndPercentEncodedLabel() {
        assertEquals("bitcoin:bcrt1qxyz", Bip21.uri("bcrt1qxyz", 0, ""));
        assertEquals("bitcoin:bcrt1qxyz?amount=0.5", Bip21.uri("bcrt1qxyz", 50_000_000L, null));
        assertEquals("bitcoin:bcrt1qxyz?amount=20&label=Luke-Jr", Bip21.uri("bcrt1qxyz", 20 * BtcAmount.COIN, "Luke-Jr"));
        assertEquals("bitcoin:a?label=Rent%20%26%20more%3F%20%E2%82%AC", Bip21.uri("a", 0, "Rent & more? €"));
    }
}
