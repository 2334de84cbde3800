package org.btcmp.primitives;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The hash functions Bitcoin uses. */
public final class Hashes {
    private Hashes() {
    }

    public static byte[] sha256(byte[]... parts) {
        MessageDigest d = digest("SHA-256");
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    public static byte[] sha256d(byte[] data) {
        return sha256(sha256(data));
    }

    public static Hash256 hash256(byte[] data) {
        return Hash256.wrap(sha256d(data));
    }

    public static byte[] sha1(byte[] data) {
        return digest("SHA-1").digest(data);
    }

    public static byte[] ripemd160(byte[] data) {
        return Ripemd160.digest(data);
    }

    /** RIPEMD160(SHA256(data)): the hash behind P2PKH, P2WPKH and P2SH. */
    public static byte[] hash160(byte[] data) {
        return Ripemd160.digest(sha256(data));
    }

    /** BIP340's tagged hash: SHA256(SHA256(tag) || SHA256(tag) || data). */
    public static byte[] taggedHash(String tag, byte[]... parts) {
        byte[] t = sha256(tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        MessageDigest d = digest("SHA-256");
        d.update(t);
        d.update(t);
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " missing from the JDK", e);
        }
    }
}
