package org.btcmp.common.args;

/** How an option behaves beyond taking a value. */
public enum OptionFlag {
    /**
     * Set at the top of bitcoin.conf, it applies to mainnet only; other chains take it from their
     * own section (Core's NETWORK_ONLY: ports, binds, peers, wallets).
     */
    NETWORK_ONLY,
    /** Accepted for compatibility with Core's scripts and listed in -help as having no effect here. */
    NO_EFFECT,
    /** May be given more than once; every value counts (e.g. -addnode, -debug). */
    LIST
}
