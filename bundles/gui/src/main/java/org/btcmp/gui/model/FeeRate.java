package org.btcmp.gui.model;

import java.math.BigDecimal;

/**
 * Fee rates as the send screen shows and reads them: sat/vB with up to 3 decimals (the wallet counts
 * sat/kvB), and the confirmation targets Core's GUI offers with the time each stands for.
 */
public final class FeeRate {
    /** Core's GUI targets, in blocks. */
    public static final int[] TARGETS = {2, 4, 6, 12, 24, 48, 144, 504, 1008};
    /** Core's -txconfirmtarget default. */
    public static final int DEFAULT_TARGET = 6;
    /** Above this a typed rate is surely a slip (Core's -maxfeerate default is 0.1 BTC/kvB = 10,000 sat/vB). */
    static final long MAX_SAT_PER_KVB = 10_000_000L;

    private FeeRate() {
    }

    /** A typed rate: sat/kvB, or why it is refused. */
    public record Parsed(long satPerKvb, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Reads a rate typed in sat/vB ("12", "0.5", "2.125"). */
    public static Parsed parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return new Parsed(0, "Enter a fee rate in sat/vB");
        }
        BigDecimal v;
        try {
            v = new BigDecimal(t);
        } catch (NumberFormatException e) {
            return new Parsed(0, "Not a number: " + t);
        }
        if (v.signum() <= 0) {
            return new Parsed(0, "The fee rate must be above 0 sat/vB");
        }
        if (v.stripTrailingZeros().scale() > 3) {
            return new Parsed(0, "At most 3 decimals (0.001 sat/vB is 1 sat/kvB)");
        }
        BigDecimal perKvb = v.movePointRight(3);
        if (perKvb.compareTo(BigDecimal.valueOf(MAX_SAT_PER_KVB)) > 0) {
            return new Parsed(0, "At most " + format(MAX_SAT_PER_KVB) + " sat/vB");
        }
        return new Parsed(perKvb.longValueExact(), null);
    }

    /** sat/kvB as sat/vB, without needless decimals ("20", "2.5", "0.125"). */
    public static String format(long satPerKvb) {
        return BigDecimal.valueOf(satPerKvb, 3).stripTrailingZeros().toPlainString();
    }

    /** What a target means to a person, with the expected time at 10 minutes a block ("6 blocks (~1 hour)"). */
    public static String describeTarget(int blocks) {
        long minutes = blocks * 10L;
        String time;
        if (minutes < 60) {
            time = minutes + " minutes";
        } else if (minutes < 24 * 60) {
            time = plural(minutes / 60, "hour");
        } else if (minutes < 7 * 24 * 60) {
            time = BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(24 * 60), 1, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString() + (minutes == 24 * 60 ? " day" : " days");
        } else {
            time = plural(minutes / (7 * 24 * 60), "week");
        }
        return plural(blocks, "block") + " (~" + time + ")";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
