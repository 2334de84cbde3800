package org.btcmp.node.net;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;
import org.btcmp.primitives.crypto.Secp256k1;

/**
 * BIP324's ElligatorSwift encoding of secp256k1 public keys (64 bytes indistinguishable from random) and its
 * X-only ECDH, written from the BIP's specification: XSwiftEC maps (u, t) to a curve X coordinate, XSwiftECInv
 * finds a t for a random u, and the shared secret hashes both encodings with the ECDH X coordinate. Not constant
 * time; BigInteger arithmetic, used once per connection.
 */
final class ElligatorSwift {
    private static final BigInteger P = Secp256k1.P;
    private static final BigInteger SEVEN = BigInteger.valueOf(7);
    private static final BigInteger TWO = BigInteger.TWO;
    /** The BIP's c: the square root of -3 mod p that is itself a square. */
    static final BigInteger C = new BigInteger("a2d2ba93507f1df233770c2a797962cc61f6d15da14ecd47d8d27ae1cd5f852", 16);
    private static final BigInteger SQRT_EXPONENT = P.add(BigInteger.ONE).shiftRight(2);

    /** A private key and its 64-byte encoding. */
    record KeyPair(BigInteger privateKey, byte[] encoded) {
    }

    private ElligatorSwift() {
    }

    private static BigInteger mod(BigInteger a) {
        return a.mod(P);
    }

    private static BigInteger div(BigInteger a, BigInteger b) {
        return mod(a.multiply(b.modInverse(P)));
    }

    /** "The" square root as the BIP defines it (a^((p+1)/4)), or null when a is not a square. */
    static BigInteger sqrt(BigInteger a) {
        BigInteger r = a.modPow(SQRT_EXPONENT, P);
        return r.multiply(r).mod(P).equals(mod(a)) ? r : null;
    }

    private static boolean validX(BigInteger x) {
        return sqrt(mod(x.pow(3).add(SEVEN))) != null;
    }

    /** XSwiftEC: the curve X coordinate that (u, t) encode. */
    static BigInteger xswiftec(BigInteger u, BigInteger t) {
        u = mod(u);
        t = mod(t);
        if (u.signum() == 0) {
            u = BigInteger.ONE;
        }
        if (t.signum() == 0) {
            t = BigInteger.ONE;
        }
        BigInteger u3p7 = mod(u.pow(3).add(SEVEN));
        if (mod(u3p7.add(t.multiply(t))).signum() == 0) {
            t = mod(t.multiply(TWO));
        }
        BigInteger x = div(u3p7.subtract(t.multiply(t)), t.multiply(TWO));
        BigInteger y = div(x.add(t), C.multiply(u));
        BigInteger[] candidates = {
            mod(u.add(BigInteger.valueOf(4).multiply(y).multiply(y))),
            div(div(x.negate(), y).subtract(u), TWO),
            div(div(x, y).subtract(u), TWO)};
        for (BigInteger c : candidates) {
            if (validX(c)) {
                return c;
            }
        }
        throw new IllegalStateException("XSwiftEC found no X coordinate, which the BIP proves impossible");
    }

    /** XSwiftECInv: a t with xswiftec(u, t) = x for the chosen case (0..7), or null when that case has none. */
    static BigInteger xswiftecInv(BigInteger x, BigInteger u, int c) {
        BigInteger s;
        BigInteger v;
        BigInteger u3p7 = mod(u.pow(3).add(SEVEN));
        if ((c & 2) == 0) {
            if (validX(mod(x.negate().subtract(u)))) {
                return null;
            }
            v = x;
            s = div(u3p7.negate(), u.multiply(u).add(u.multiply(v)).add(v.multiply(v)));
        } else {
            s = mod(x.subtract(u));
            if (s.signum() == 0) {
                return null;
            }
            BigInteger r = sqrt(mod(s.negate().multiply(BigInteger.valueOf(4).multiply(u3p7)
                    .add(BigInteger.valueOf(3).multiply(u).multiply(u).multiply(s)))));
            if (r == null || ((c & 1) == 1 && r.signum() == 0)) {
                return null;
            }
            v = div(div(r, s).subtract(u), TWO);
        }
        BigInteger w = sqrt(s);
        if (w == null) {
            return null;
        }
        BigInteger oneMinusC = div(u.multiply(BigInteger.ONE.subtract(C)), TWO).add(v);
        BigInteger onePlusC = div(u.multiply(BigInteger.ONE.add(C)), TWO).add(v);
        return switch (c & 5) {
            case 0 -> mod(w.negate().multiply(oneMinusC));
            case 1 -> mod(w.multiply(onePlusC));
            case 4 -> mod(w.multiply(oneMinusC));
            default -> mod(w.negate().multiply(onePlusC));
        };
    }

    /** XElligatorSwift: a uniformly chosen 64-byte encoding of x. */
    static byte[] encode(BigInteger x, Random random) {
        while (true) {
            BigInteger u = new BigInteger(256, random).mod(P);
            if (u.signum() == 0) {
                continue;
            }
            BigInteger t = xswiftecInv(x, u, random.nextInt(8));
            if (t != null) {
                return concat(bytes32(u), bytes32(t));
            }
        }
    }

    /** The X coordinate a 64-byte encoding stands for. */
    static BigInteger decode(byte[] encoded) {
        if (encoded.length != 64) {
            throw new IllegalArgumentException("an ElligatorSwift encoding is 64 bytes, got " + encoded.length);
        }
        return xswiftec(new BigInteger(1, Arrays.copyOf(encoded, 32)),
                new BigInteger(1, Arrays.copyOfRange(encoded, 32, 64)));
    }

    /** ellswift_create: a random private key and an encoding of its public key. */
    static KeyPair create(Random random) {
        BigInteger priv;
        do {
            priv = new BigInteger(256, random);
        } while (priv.signum() == 0 || priv.compareTo(Secp256k1.N) >= 0);
        return new KeyPair(priv, encode(Secp256k1.multiply(Secp256k1.G, priv).x(), random));
    }

    /** ellswift_ecdh_xonly: the X coordinate of priv times the point their encoding names. */
    static byte[] ecdhXonly(byte[] theirs, BigInteger priv) {
        Secp256k1.Point point = Secp256k1.lift(decode(theirs), false);
        return bytes32(Secp256k1.multiply(point, priv).x());
    }

    /** v2_ecdh: the BIP324 shared secret, the initiator's encoding first. */
    static byte[] sharedSecret(BigInteger priv, byte[] theirs, byte[] ours, boolean initiating) {
        byte[] x = ecdhXonly(theirs, priv);
        byte[] keys = initiating ? concat(ours, theirs) : concat(theirs, ours);
        return taggedHash("bip324_ellswift_xonly_ecdh", concat(keys, x));
    }

    private static byte[] taggedHash(String tag, byte[] data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] t = sha.digest(tag.getBytes(StandardCharsets.US_ASCII));
            sha.update(t);
            sha.update(t);
            return sha.digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static byte[] bytes32(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
