package org.btcmp.interfaces;

/** A transaction output by txid (display hex) and index. */
public record OutPointRef(String txid, int index) {
}
