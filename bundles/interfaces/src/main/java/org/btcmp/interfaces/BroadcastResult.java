package org.btcmp.interfaces;

/** The outcome of handing a transaction to the node: accepted, or refused with Core's reason. */
public record BroadcastResult(boolean accepted, String error) {
}
