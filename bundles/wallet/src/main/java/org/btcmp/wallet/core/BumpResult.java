package org.btcmp.wallet.core;

/** A fee bump the node accepted: the replacement's txid and the fees (satoshis) of the original and of it. */
public record BumpResult(String txid, long originalFee, long fee) {
}
