package org.btcmp.interfaces;

/**
 * A block as notifications and lookups describe it: hash and height, its parent, header times,
 * whether it is on the active chain, and its serialized bytes when asked for (else empty).
 */
public record BlockInfo(String hash, int height, String prevHash, long time, long medianTimePast,
        boolean inActiveChain, byte[] data) {
}
