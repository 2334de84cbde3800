package org.btcmp.node.net;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) with 32-byte output, as BIP324 derives its keys. */
final class Hkdf {
    private final byte[] prk;

    /** The extract step. */
    Hkdf(byte[] salt, byte[] ikm) {
        this.prk = hmac(salt, ikm);
    }

    /** The expand step for one 32-byte block: HMAC(PRK, info || 0x01). */
    byte[] expand32(byte[] info) {
        byte[] in = Arrays.copyOf(info, info.length + 1);
        in[info.length] = 1;
        return hmac(prk, in);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty salt is a key of HashLen zeros (RFC 5869 2.2); SecretKeySpec refuses empty keys.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[32] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
