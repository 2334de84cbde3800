package org.btcmp.wallet.core;

/**
 * Core's getbalances "mine" in satoshis: spendable confirmed or own-change coins (trusted), incoming
 * unconfirmed coins from others in the mempool (untrusted_pending), and coinbase outputs not yet mature.
 */
public record Balances(long trusted, long untrustedPending, long immature) {
}
