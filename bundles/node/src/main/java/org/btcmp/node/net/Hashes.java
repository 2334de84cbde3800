package org.btcmp.node.net;

import org.btcmp.primitives.Hash256;

/** Conversions between the wire's byte strings and the primitives' hashes (both in internal byte order). */
final class Hashes {
    private Hashes() {
    }

    static Hash256 of(Bytes internal) {
        return Hash256.wrap(internal.toByteArray());
    }

    static Bytes of(Hash256 hash) {
        return Bytes.wrap(hash.internalBytes());
    }
}
