package org.btcmp.node.net;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Double SHA-256, the hash behind message checksums and block hashes. */
final class Sha256d {
    private Sha256d() {
    }

    static byte[] hash(byte[] data, int offset, int length) {
        MessageDigest sha = newDigest();
        sha.update(data, offset, length);
        return sha.digest(sha.digest());
    }

    /** The message checksum: the first four bytes of the double SHA-256, read big-endian. */
    static int checksum(byte[] payload) {
        byte[] h = hash(payload, 0, payload.length);
        return (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
