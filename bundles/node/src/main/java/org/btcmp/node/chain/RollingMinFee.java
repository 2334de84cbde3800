package org.btcmp.node.chain;

/**
 * The mempool's rising minimum fee rate (Core's rollingMinimumFeeRate): evicting a package for
 * space raises it to that package's rate plus the incremental relay fee; once a block has arrived
 * since the last bump it decays with a half-life of 12 hours (3 hours below a quarter full, 6
 * below half full) and drops to zero under half the incremental fee.
 */
final class RollingMinFee {
    static final long HALF_LIFE_SECONDS = 12 * 60 * 60;

    private final long incrementalPerKvB;
    private double rate;
    private long lastUpdate;
    private boolean blockSinceBump;

    RollingMinFee(long incrementalPerKvB) {
        this.incrementalPerKvB = incrementalPerKvB;
    }

    /** A package leaving for space at {@code packageRatePerKvB}. */
    void packageRemoved(long packageRatePerKvB) {
        long bumped = packageRatePerKvB + incrementalPerKvB;
        if (bumped > rate) {
            rate = bumped;
            blockSinceBump = false;
        }
    }

    void blockConnected(long now) {
        blockSinceBump = true;
        lastUpdate = now;
    }

    /** The current minimum in sat/kvB (0 when none applies), decayed to {@code now}. */
    long current(long now, long usage, long limit) {
        if (!blockSinceBump || rate == 0) {
            return Math.round(rate);
        }
        if (now > lastUpdate + 10) {
            double halfLife = HALF_LIFE_SECONDS;
            if (usage < limit / 4) {
                halfLife /= 4;
            } else if (usage < limit / 2) {
                halfLife /= 2;
            }
            rate = rate / Math.pow(2.0, (now - lastUpdate) / halfLife);
            lastUpdate = now;
            if (rate < incrementalPerKvB / 2.0) {
                rate = 0;
                return 0;
            }
        }
        return Math.max(Math.round(rate), incrementalPerKvB);
    }
}
