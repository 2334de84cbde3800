package org.btcmp.interfaces;

/** A block by hash (display hex, as RPC prints it) and height. */
public record BlockRef(String hash, int height) {
}
