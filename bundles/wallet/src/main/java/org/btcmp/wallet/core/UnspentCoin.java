package org.btcmp.wallet.core;

/**
 * One of Core's listunspent entries: the outpoint, its script and amount in satoshis, its confirmations,
 * and whether it is safe to spend (confirmed, or the wallet's own unconfirmed change).
 */
public record UnspentCoin(String txid, int vout, byte[] scriptPubKey, long amount, int confirmations, boolean safe) {
}
