package org.btcmp.gui.model;

import java.math.BigDecimal;

/** Amounts as a person types and reads them: BTC with at most 8 decimals, held as satoshis. */
public final class BtcAmount {
    public static final long COIN = 100_000_000L;
    /** Core's MAX_MONEY: no amount can exceed the 21 million coins there will ever be. */
    public static final long MAX_MONEY = 21_000_000L * COIN;

    private BtcAmount() {
    }

    /**
     * The satoshis in {@code text} (e.g. "0.5", "12"), or an explanation of why it is no amount:
     * empty, not a number, negative, zero, more than 8 decimals, above 21 million BTC.
     */
    public static Parsed parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Parsed.refused("Enter an amount");
        }
        if (!t.matches("[+-]?[0-9]*\\.?[0-9]*") || t.matches("[+-]?\\.?")) {
            return Parsed.refused("'" + t + "' is not a number");
        }
        BigDecimal btc = new BigDecimal(t);
        if (btc.signum() < 0) {
            return Parsed.refused("The amount cannot be negative");
        }
        if (btc.signum() == 0) {
            return Parsed.refused("The amount must be more than zero");
        }
        if (btc.stripTrailingZeros().scale() > 8) {
            return Parsed.refused("At most 8 decimals (1 satoshi is 0.00000001 BTC)");
        }
        BigDecimal sats = btc.movePointRight(8);
        if (sats.compareTo(BigDecimal.valueOf(MAX_MONEY)) > 0) {
            return Parsed.refused("More than 21 million BTC");
        }
        return new Parsed(sats.longValueExact(), null);
    }

    /** {@code sats} as BTC with 8 decimals, e.g. 150000000 → "1.50000000". */
    public static String format(long sats) {
        return BigDecimal.valueOf(sats, 8).toPlainString();
    }

    /** {@code sats} as the shortest BTC text, e.g. 150000000 → "1.5" (BIP21 amounts). */
    public static String formatShort(long sats) {
        BigDecimal d = BigDecimal.valueOf(sats, 8).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** A parse: satoshis, or the reason it was refused (then satoshis is 0). */
    public record Parsed(long satoshis, String error) {
        static Parsed refused(String why) {
            return new Parsed(0, why);
        }

        public boolean ok() {
            return error == null;
        }
    }
}
