/**
 * The Bitcoin P2P protocol as Bitcoin Core speaks it over the v1 transport: framing, payload codecs with
 * Core's limits, the version handshake with feature negotiation, keepalive, misbehaviour handling and the
 * connections (outbound and inbound). Chain sync builds on the {@link org.btcmp.node.net.PeerListener}
 * events; nothing here knows the chain state.
 */
package org.btcmp.node.net;
