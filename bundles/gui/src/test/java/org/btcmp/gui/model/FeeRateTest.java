package org.btcmp.gui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FeeRateTest {
    @Test
    void typedRatesAreReadInSatPerVbOrRefusedWithTheReason() {
        assertEquals(new FeeRate.Parsed(12_000, null), FeeRate.parse(" 12 "));
        assertEquals(new FeeRate.Parsed(2_125, null), FeeRate.parse("2.125"));
        assertEquals(new FeeRate.Parsed(500, null), FeeRate.parse("0.50"));
        assertEquals("Enter a fee rate in sat/vB", FeeRate.parse("").error());
        assertEquals("Not a number: 1,5", FeeRate.parse("1,5").error());
        assertEquals("The fee rate must be above 0 sat/vB", FeeRate.parse("0").error());
        assertEquals("The fee rate must be above 0 sat/vB", FeeRate.parse("-3").error());
        assertEquals("At most 3 decimals (0.001 sat/vB is 1 sat/kvB)", FeeRate.parse("1.0005").error());
        assertEquals("At most 10000 sat/vB", FeeRate.parse("10000.001").error());
        assertEquals(10_000_000, FeeRate.parse("10000").satPerKvb());
    }

    @Test
    void ratesAndTargetsReadAsCoresGuiShowsThem() {
        assertEquals("20", FeeRate.format(20_000));
        assertEquals("2.5", FeeRate.format(2_500));
        assertEquals("0.1", FeeRate.format(100));
        assertEquals("2 blocks (~20 minutes)", FeeRate.describeTarget(2));
        assertEquals("6 blocks (~1 hour)", FeeRate.describeTarget(6));
        assertEquals("24 blocks (~4 hours)", FeeRate.describeTarget(24));
        assertEquals("144 blocks (~1 day)", FeeRate.describeTarget(144));
        assertEquals("504 blocks (~3.5 days)", FeeRate.describeTarget(504));
        assertEquals("1008 blocks (~1 week)", FeeRate.describeTarget(1008));
    }
}
