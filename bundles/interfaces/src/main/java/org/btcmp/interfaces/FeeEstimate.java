package org.btcmp.interfaces;

/**
 * A fee estimate from the node: {@code feeRate} in satoshis per 1000 virtual bytes (0 when the node
 * has no estimate) for confirmation within {@code target} blocks, the target it actually answered,
 * and Core's FeeReason string for the estimate behind the rate (Core's FeeCalculation.reason, which
 * the wallet reports as fee_reason).
 */
public record FeeEstimate(long feeRate, int target, String reason) {
    /** An estimate whose source is not known: Core's FeeReason::NONE. */
    public FeeEstimate(long feeRate, int target) {
        this(feeRate, target, "None");
    }
}
