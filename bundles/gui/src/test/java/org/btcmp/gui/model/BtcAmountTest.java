package org.btcmp.gui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BtcAmountTest {
    @Test
    void acceptsUpToEightDecimals() {
        assertEquals(150_000_000L, BtcAmount.parse("1.5").satoshis());
        assertEquals(1L, BtcAmount.parse("0.00000001").satoshis());
        assertEquals(12L * BtcAmount.COIN, BtcAmount.parse(" 12 ").satoshis());
        assertEquals(50_000_000L, BtcAmount.parse(".5").satoshis());
        assertEquals(100_000_000L, BtcAmount.parse("1.000000000").satoshis(), "trailing zeros are no extra precision");
        assertEquals(BtcAmount.MAX_MONEY, BtcAmount.parse("21000000").satoshis());
    }

    @Test
    void refusesWithAReason() {
        assertEquals("At most 8 decimals (1 satoshi is 0.00000001 BTC)", BtcAmount.parse("0.000000001").error());
        assertEquals("The amount cannot be negative", BtcAmount.parse("-1").error());
        assertEquals("The amount must be more than zero", BtcAmount.parse("0.0").error());
        assertEquals("'1,5' is not a number", BtcAmount.parse("1,5").error());
        assertEquals("'abc' is not a number", BtcAmount.parse("abc").error());
        assertEquals("'.' is not a number", BtcAmount.parse(".").error());
        assertEquals("'1e3' is not a number", BtcAmount.parse("1e3").error());
        assertEquals("Enter an amount", BtcAmount.parse("  ").error());
        assertEquals("More than 21 million BTC", BtcAmount.parse("21000000.00000001").error());
        BtcAmount.Parsed refused = BtcAmount.parse("-0.5");
        assertFalse(refused.ok());
        assertEquals(0, refused.satoshis());
    }

    @Test
    void formats() {
        assertEquals("1.50000000", BtcAmount.format(150_000_000L));
        assertEquals("-0.00001000", BtcAmount.format(-1000));
        assertEquals("1.5", BtcAmount.formatShort(150_000_000L));
        assertEquals("20", BtcAmount.formatShort(20 * BtcAmount.COIN));
        assertTrue(BtcAmount.parse(BtcAmount.format(123_456_789L)).ok());
    }
}
