package org.btcmp.primitives.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.btcmp.primitives.DecodeException;

/** A secp256k1 public key with its original encoding (33-byte compressed or 65-byte uncompressed). */
public final class PublicKey {
    private final Secp256k1.Point point;
    private final byte[] encoded;

    private PublicKey(Secp256k1.Point point, byte[] encoded) {
        this.point = point;
        this.encoded = encoded;
    }

    /** Parses SEC1 compressed, uncompressed or hybrid encodings; rejects points off the curve. */
    public static PublicKey parse(byte[] b) {
        if (b.length == 33 && (b[0] == 2 || b[0] == 3)) {
            Secp256k1.Point p = Secp256k1.lift(new BigInteger(1, Arrays.copyOfRange(b, 1, 33)), b[0] == 3);
            if (p == null) {
                throw new DecodeException("public key x is not on the curve");
            }
            return new PublicKey(p, b.clone());
        }
        if (b.length == 65 && (b[0] == 4 || b[0] == 6 || b[0] == 7)) {
            Secp256k1.Point p = new Secp256k1.Point(new BigInteger(1, Arrays.copyOfRange(b, 1, 33)),
                    new BigInteger(1, Arrays.copyOfRange(b, 33, 65)));
            if (!Secp256k1.isOnCurve(p) || (b[0] != 4 && p.y().testBit(0) != (b[0] == 7))) {
                throw new DecodeException("public key is not on the curve");
            }
            return new PublicKey(p, b.clone());
        }
        throw new DecodeException("public key has bad length " + b.length + " or prefix");
    }

    static PublicKey of(Secp256k1.Point p, boolean compressed) {
        byte[] x = Secp256k1.to32(p.x());
        byte[] enc;
        if (compressed) {
            enc = new byte[33];
            enc[0] = (byte) (p.y().testBit(0) ? 3 : 2);
            System.arraycopy(x, 0, enc, 1, 32);
        } else {
            enc = new byte[65];
            enc[0] = 4;
            System.arraycopy(x, 0, enc, 1, 32);
            System.arraycopy(Secp256k1.to32(p.y()), 0, enc, 33, 32);
        }
        return new PublicKey(p, enc);
    }

    public Secp256k1.Point point() {
        return point;
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public boolean isCompressed() {
        return encoded.length == 33;
    }

    /** ECDSA verification of a 32-byte message hash; accepts high S (policy decides about that). */
    public boolean verify(byte[] hash32, EcdsaSignature sig) {
        BigInteger r = sig.r();
        BigInteger s = sig.s();
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(Secp256k1.N) >= 0 || s.compareTo(Secp256k1.N) >= 0) {
            return false;
        }
        BigInteger z = new BigInteger(1, hash32);
        BigInteger w = s.modInverse(Secp256k1.N);
        return Secp256k1.xModNEquals(z.multiply(w).mod(Secp256k1.N), point, r.multiply(w).mod(Secp256k1.N), r);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey k && Arrays.equals(encoded, k.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }
}
