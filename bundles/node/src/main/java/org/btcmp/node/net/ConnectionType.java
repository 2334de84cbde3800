package org.btcmp.node.net;

/** Core's connection types that matter to the protocol layer. */
public enum ConnectionType {
    /** Accepted from the listening socket. */
    INBOUND,
    /** Chosen automatically; must offer the services we need. */
    OUTBOUND_FULL_RELAY,
    /** Asked for by the user (-connect, -addnode): never punished, no service requirement. */
    MANUAL;

    boolean inbound() {
        return this == INBOUND;
    }
}
