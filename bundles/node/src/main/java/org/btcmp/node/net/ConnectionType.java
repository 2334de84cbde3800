package org.btcmp.node.net;

/** Core's connection types that matter to the protocol layer, with getpeerinfo's names. */
public enum ConnectionType {
    /** Accepted from the listening socket. */
    INBOUND("inbound"),
    /** Chosen automatically; must offer the services we need. */
    OUTBOUND_FULL_RELAY("outbound-full-relay"),
    /** Asked for by the user (-connect, -addnode): never punished, no service requirement. */
    MANUAL("manual"),
    /**
     * Chosen automatically for blocks only: no transactions (our version says relay=false) and no addresses either
     * way, so the connection is hard to see from outside (Core's 2 block-relay-only peers).
     */
    BLOCK_RELAY("block-relay-only"),
    /** A short-lived probe of an address from the "new" table: closed once its version arrived. */
    FEELER("feeler");

    private final String rpcName;

    ConnectionType(String rpcName) {
        this.rpcName = rpcName;
    }

    /** getpeerinfo's connection_type. */
    public String rpcName() {
        return rpcName;
    }

    boolean inbound() {
        return this == INBOUND;
    }

    /** Picked from the address manager rather than asked for or accepted. */
    boolean automatic() {
        return this == OUTBOUND_FULL_RELAY || this == BLOCK_RELAY || this == FEELER;
    }

    /** Takes part in address relay (Core's SetupAddressRelay refuses block-relay-only connections). */
    boolean relaysAddresses() {
        return this != BLOCK_RELAY;
    }

    /** Transactions are announced and accepted (not on block-relay-only connections). */
    boolean relaysTransactions() {
        return this != BLOCK_RELAY;
    }
}
