package org.btcmp.interfaces;

/** An unspent output: amount in satoshis, its script, the height that created it (-1 if in the mempool). */
public record CoinInfo(long value, byte[] scriptPubKey, int height, boolean coinbase) {
}
