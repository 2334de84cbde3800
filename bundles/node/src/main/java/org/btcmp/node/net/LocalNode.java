package org.btcmp.node.net;

import java.util.function.IntSupplier;

/**
 * What this node announces in its version message and after the handshake.
 *
 * @param minFeeFilter the feefilter sent after the handshake, satoshis per 1 000 vbytes (Core's default
 *     minimum relay fee is 1 000)
 */
public record LocalNode(P2pNetwork network, long services, String userAgent, IntSupplier startHeight,
        boolean relay, long minFeeFilter) {
    public static final String USER_AGENT = "/btcmp:0.1.0/";

    /** The same node announcing another feefilter (the mempool's minimum relay fee rate). */
    public LocalNode withMinFeeFilter(long satsPerKvB) {
        return new LocalNode(network, services, userAgent, startHeight, relay, satsPerKvB);
    }

    /** The same node announcing other services. */
    public LocalNode withServices(long flags) {
        return new LocalNode(network, flags, userAgent, startHeight, relay, minFeeFilter);
    }

    /** Core's defaults: NODE_NETWORK | NODE_WITNESS | NODE_NETWORK_LIMITED, relaying transactions. */
    public static LocalNode defaults(P2pNetwork network, IntSupplier startHeight) {
        return new LocalNode(network,
                ServiceFlags.NODE_NETWORK | ServiceFlags.NODE_WITNESS | ServiceFlags.NODE_NETWORK_LIMITED,
                USER_AGENT, startHeight, true, 1_000);
    }
}
