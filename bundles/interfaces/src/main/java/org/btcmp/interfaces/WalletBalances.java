package org.btcmp.interfaces;

/** A wallet's balances in satoshis, as Core's getbalances "mine": trusted, untrusted_pending, immature. */
public record WalletBalances(long trusted, long untrustedPending, long immature) {
}
