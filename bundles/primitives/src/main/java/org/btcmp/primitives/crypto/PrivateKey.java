package org.btcmp.primitives.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.btcmp.primitives.Hashes;

/**
 * A secp256k1 secret key; signs with RFC 6979 deterministic nonces and low S, as Core does. Products
 * of the secret or the nonce with G run in constant time; the nonce's inverse is computed on the
 * nonce times a random blinding factor, so the variable-time BigInteger inversion never sees the nonce.
 */
public final class PrivateKey {
    private static final SecureRandom BLINDING = new SecureRandom();
    private final BigInteger secret;

    public PrivateKey(byte[] secret32) {
        BigInteger d = new BigInteger(1, secret32);
        if (secret32.length != 32 || d.signum() == 0 || d.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalArgumentException("secret key must be 32 bytes in [1, n-1]");
        }
        this.secret = d;
    }

    public PublicKey publicKey(boolean compressed) {
        return PublicKey.of(Secp256k1.multiply(Secp256k1.G, secret), compressed);
    }

    public byte[] secretBytes() {
        return Secp256k1.to32(secret);
    }

    public EcdsaSignature sign(byte[] hash32) {
        BigInteger z = new BigInteger(1, hash32);
        byte[] x = Secp256k1.to32(secret);
        byte[] h = Secp256k1.to32(z.mod(Secp256k1.N));
        byte[] v = new byte[32];
        Arrays.fill(v, (byte) 1);
        byte[] k = new byte[32];
        k = Hashes.hmacSha256(k, v, new byte[] {0}, x, h);
        v = Hashes.hmacSha256(k, v);
        k = Hashes.hmacSha256(k, v, new byte[] {1}, x, h);
        v = Hashes.hmacSha256(k, v);
        while (true) {
            v = Hashes.hmacSha256(k, v);
            BigInteger nonce = new BigInteger(1, v);
            if (nonce.signum() > 0 && nonce.compareTo(Secp256k1.N) < 0) {
                BigInteger r = Secp256k1.multiply(Secp256k1.G, nonce).x().mod(Secp256k1.N);
                BigInteger s = blindedInverse(nonce).multiply(z.add(r.multiply(secret))).mod(Secp256k1.N);
                if (r.signum() != 0 && s.signum() != 0) {
                    return new EcdsaSignature(r, s).normalizeS();
                }
            }
            k = Hashes.hmacSha256(k, v, new byte[] {0});
            v = Hashes.hmacSha256(k, v);
        }
    }

    /** 1/k mod N as b/(k·b) for a random b in [1, N-1]. */
    private static BigInteger blindedInverse(BigInteger k) {
        BigInteger b = new BigInteger(256, BLINDING).mod(Secp256k1.N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        return k.multiply(b).mod(Secp256k1.N).modInverse(Secp256k1.N).multiply(b).mod(Secp256k1.N);
    }
}
