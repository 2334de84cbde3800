package org.btcmp.interfaces;

/**
 * A fee estimate from the node: {@code feeRate} in satoshis per 1000 virtual bytes (0 when the node
 * has no estimate) for confirmation within {@code target} blocks, the target it actually answered.
 */
public record FeeEstimate(long feeRate, int target) {
}
