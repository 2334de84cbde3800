package org.btcmp.wallet.descriptor;

import org.btcmp.wallet.keys.KeyPath;

/** Where a key comes from: the master key's fingerprint and the path from it ({@code [d34db33f/84h/1h/0h]}). */
public record KeyOrigin(int fingerprint, KeyPath path) {

    public KeyOrigin child(int childNumber) {
        return new KeyOrigin(fingerprint, path.child(childNumber));
    }

    public KeyOrigin append(KeyPath tail) {
        return new KeyOrigin(fingerprint, path.append(tail));
    }

    /** Inside the brackets, with {@code h} or (to keep an imported descriptor's text) {@code '} markers. */
    String toString(boolean apostrophe) {
        String p = path.suffix();
        return String.format("%08x", fingerprint) + (apostrophe ? p.replace('h', '\'') : p);
    }

    @Override
    public String toString() {
        return toString(false);
    }
}
