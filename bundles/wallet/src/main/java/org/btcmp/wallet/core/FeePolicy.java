package org.btcmp.wallet.core;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.FeeEstimate;

/**
 * Core's GetMinimumFeeRate: the fee rate a wallet transaction pays and why. An explicit rate (fee_rate)
 * is taken as given but must reach the relay minimum; otherwise settxfee's rate, else the node's
 * estimate for the confirmation target (at least the mempool's minimum), else -fallbackfee; never
 * below the relay minimum.
 */
public final class FeePolicy {
    /** Core's -txconfirmtarget default. */
    public static final int DEFAULT_CONFIRM_TARGET = 6;

    /**
     * What a caller asked for: an explicit rate (sat/kvB), or a confirmation target and an estimate mode
     * ({@code conservativeMode} empty: Core's "unset", conservative exactly when not signalling BIP125);
     * {@code overrideMinimum}: an explicit rate is taken even under the relay minimum (Core's
     * fOverrideFeeRate, as fundrawtransaction and walletcreatefundedpsbt set it).
     */
    public record Request(OptionalLong feeRate, OptionalInt confTarget, Optional<Boolean> conservativeMode,
            boolean overrideMinimum) {
        public static final Request DEFAULT = new Request(OptionalLong.empty(), OptionalInt.empty(), Optional.empty(), false);

        /** A target with the mode set to conservative, or left unset. */
        public Request(OptionalLong feeRate, OptionalInt confTarget, boolean conservative) {
            this(feeRate, confTarget, conservative ? Optional.of(true) : Optional.empty(), false);
        }

        public static Request rate(OptionalLong feeRate) {
            return new Request(feeRate, OptionalInt.empty(), Optional.empty(), false);
        }

        /** This request with an explicit rate allowed under the relay minimum. */
        public Request overridingMinimum() {
            return new Request(feeRate, confTarget, conservativeMode, true);
        }
    }

    /** The chosen rate in sat/kvB and Core's reason string for it (FeeReason). */
    public record Choice(long rate, String reason) {
    }

    private FeePolicy() {
    }

    /**
     * Chooses the rate for {@code request}; {@code payTxFee} is settxfee's rate (0: unset) and
     * {@code fallbackFeeRate} -fallbackfee (0: disabled), both sat/kvB.
     *
     * @throws WalletError -4 when an explicit rate is under the minimum, or when no estimate exists
     *     and the fallback fee is disabled
     */
    static Choice choose(Chain chain, Request request, long payTxFee, long fallbackFeeRate, boolean signalRbf) {
        long required = chain.relayMinFee();
        Choice chosen;
        if (request.feeRate().isPresent()) {
            chosen = new Choice(request.feeRate().getAsLong(), "PayTxFee set");
            if (request.overrideMinimum()) {
                return chosen;
            }
            if (chosen.rate() < required) {
                throw new WalletError(WalletError.WALLET_ERROR, "Fee rate (" + satPerVb(chosen.rate())
                        + " sat/vB) is lower than the minimum fee rate setting (" + satPerVb(required) + " sat/vB)");
            }
        } else if (request.confTarget().isEmpty() && payTxFee > 0) {
            chosen = new Choice(payTxFee, "PayTxFee set");
        } else {
            int target = request.confTarget().orElse(DEFAULT_CONFIRM_TARGET);
            boolean conservative = request.conservativeMode().orElse(!signalRbf);
            FeeEstimate estimate = chain.estimateSmartFee(target, conservative);
            if (estimate.feeRate() > 0) {
                chosen = new Choice(estimate.feeRate(), estimate.reason());
            } else if (fallbackFeeRate > 0) {
                chosen = new Choice(fallbackFeeRate, "Fallback fee");
            } else {
                throw new WalletError(WalletError.WALLET_ERROR,
                        "Fee estimation failed. Fallbackfee is disabled. Wait a few blocks or enable -fallbackfee.");
            }
            long mempoolMin = chain.mempoolMinFee(); // Core obeys it after the fallback fee too
            if (chosen.rate() < mempoolMin) {
                chosen = new Choice(mempoolMin, "Mempool Min Fee");
            }
        }
        return chosen.rate() < required ? new Choice(required, "Minimum Required Fee") : chosen;
    }

    /** Core's CFeeRate::ToString in sat/vB: three decimals. */
    static String satPerVb(long satPerKvB) {
        return BigDecimal.valueOf(satPerKvB, 3).toPlainString();
    }
}
