package org.btcmp.primitives.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.btcmp.primitives.Hashes;

/** BIP340 Schnorr signatures over secp256k1 with x-only public keys. */
public final class Schnorr {
    private Schnorr() {
    }

    /** Verifies a 64-byte signature of a 32-byte message under a 32-byte x-only key. */
    public static boolean verify(byte[] pubkey32, byte[] msg32, byte[] sig64) {
        if (pubkey32.length != 32 || sig64.length != 64) {
            return false;
        }
        if (new BigInteger(1, pubkey32).compareTo(Secp256k1.P) >= 0) {
            return false;
        }
        long[] px = Field.create();
        Field.setBytes(px, pubkey32, 0);
        long[] py = Field.create();
        if (!Secp256k1.liftY(px, py, false)) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig64, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig64, 32, 64));
        if (r.compareTo(Secp256k1.P) >= 0 || s.compareTo(Secp256k1.N) >= 0) {
            return false;
        }
        BigInteger e = new BigInteger(1, Hashes.taggedHash("BIP0340/challenge", Arrays.copyOfRange(sig64, 0, 32),
                pubkey32, msg32)).mod(Secp256k1.N);
        Jacobian rp = new Jacobian();
        DoubleMultiply.multiplyAdd(s, px, py, e.signum() == 0 ? e : Secp256k1.N.subtract(e), rp);
        if (rp.infinity) {
            return false;
        }
        long[] x = Field.create();
        long[] y = Field.create();
        rp.toAffine(x, y);
        byte[] rx = new byte[32];
        Field.getBytes(rx, 0, x);
        return !Field.isOdd(y) && Arrays.equals(rx, 0, 32, sig64, 0, 32);
    }

    /** Signs with BIP340's nonce derivation from {@code aux32}. */
    public static byte[] sign(byte[] secret32, byte[] msg32, byte[] aux32) {
        BigInteger d0 = new BigInteger(1, secret32);
        if (d0.signum() == 0 || d0.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalArgumentException("secret key out of range");
        }
        Secp256k1.Point p = Secp256k1.multiply(Secp256k1.G, d0);
        BigInteger d = p.hasEvenY() ? d0 : Secp256k1.N.subtract(d0);
        byte[] px = Secp256k1.to32(p.x());
        byte[] t = Secp256k1.to32(d.xor(new BigInteger(1, Hashes.taggedHash("BIP0340/aux", aux32))));
        BigInteger k0 = new BigInteger(1, Hashes.taggedHash("BIP0340/nonce", t, px, msg32)).mod(Secp256k1.N);
        if (k0.signum() == 0) {
            throw new IllegalStateException("nonce is zero");
        }
        Secp256k1.Point r = Secp256k1.multiply(Secp256k1.G, k0);
        BigInteger k = r.hasEvenY() ? k0 : Secp256k1.N.subtract(k0);
        byte[] rx = Secp256k1.to32(r.x());
        BigInteger e = new BigInteger(1, Hashes.taggedHash("BIP0340/challenge", rx, px, msg32)).mod(Secp256k1.N);
        byte[] sig = Arrays.copyOf(rx, 64);
        System.arraycopy(Secp256k1.to32(k.add(e.multiply(d)).mod(Secp256k1.N)), 0, sig, 32, 32);
        return sig;
    }

    /** The x-only public key of a secret. */
    public static byte[] xOnlyPublicKey(byte[] secret32) {
        return Secp256k1.to32(Secp256k1.multiply(Secp256k1.G, new BigInteger(1, secret32)).x());
    }

    /**
     * BIP341's output key: the internal key tweaked by TapTweak(internal || merkleRoot); returns the
     * 32-byte x coordinate and, in {@code parityOut[0]}, whether its y is odd. Null when invalid.
     */
    public static byte[] tweak(byte[] internal32, byte[] merkleRoot, boolean[] parityOut) {
        Secp256k1.Point p = Secp256k1.lift(new BigInteger(1, internal32), false);
        if (p == null) {
            return null;
        }
        byte[] th = merkleRoot == null ? Hashes.taggedHash("TapTweak", internal32)
                : Hashes.taggedHash("TapTweak", internal32, merkleRoot);
        BigInteger t = new BigInteger(1, th);
        if (t.compareTo(Secp256k1.N) >= 0) {
            return null;
        }
        Secp256k1.Point q = Secp256k1.add(p, Secp256k1.multiply(Secp256k1.G, t));
        if (q == null) {
            return null;
        }
        if (parityOut != null) {
            parityOut[0] = !q.hasEvenY();
        }
        return Secp256k1.to32(q.x());
    }

    /** The secret key matching {@link #tweak} of its public key (for key-path signing). */
    public static byte[] tweakSecret(byte[] secret32, byte[] merkleRoot) {
        BigInteger d0 = new BigInteger(1, secret32);
        Secp256k1.Point p = Secp256k1.multiply(Secp256k1.G, d0);
        BigInteger d = p.hasEvenY() ? d0 : Secp256k1.N.subtract(d0);
        byte[] px = Secp256k1.to32(p.x());
        byte[] th = merkleRoot == null ? Hashes.taggedHash("TapTweak", px) : Hashes.taggedHash("TapTweak", px, merkleRoot);
        return Secp256k1.to32(d.add(new BigInteger(1, th)).mod(Secp256k1.N));
    }
}
