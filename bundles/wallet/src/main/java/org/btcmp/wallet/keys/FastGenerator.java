package org.btcmp.wallet.keys;

import java.math.BigInteger;
import org.btcmp.primitives.crypto.Secp256k1;

/**
 * k·G for secp256k1, fast enough for keypools of thousands of keys: a precomputed table of
 * d·16^i·G (i &lt; 64, d &lt; 16) turns each product into at most 64 mixed Jacobian additions and one
 * inversion. The wallet derives a public key per address; the plain double-and-add of the shared
 * primitives takes ~20 times longer. Not constant time (neither is the primitives code); fine for
 * deriving public keys, to be revisited before signing moves here.
 */
public final class FastGenerator {
    private static final BigInteger P = Secp256k1.P;
    private static final Secp256k1.Point[][] TABLE = buildTable();

    private FastGenerator() {
    }

    /** k·G, or null (infinity) when k ≡ 0 mod n. */
    public static Secp256k1.Point multiply(BigInteger k) {
        BigInteger e = k.mod(Secp256k1.N);
        BigInteger x = null;
        BigInteger y = null;
        BigInteger z = null; // Jacobian accumulator; null = infinity
        for (int i = 0; i < 64; i++) {
            int d = 0;
            for (int b = 3; b >= 0; b--) {
                d = (d << 1) | (e.testBit(4 * i + b) ? 1 : 0);
            }
            if (d == 0) {
                continue;
            }
            Secp256k1.Point q = TABLE[i][d];
            if (z == null) {
                x = q.x();
                y = q.y();
                z = BigInteger.ONE;
                continue;
            }
            BigInteger z2 = z.multiply(z).mod(P);
            BigInteger u2 = q.x().multiply(z2).mod(P);
            BigInteger s2 = q.y().multiply(z2).multiply(z).mod(P);
            BigInteger h = u2.subtract(x).mod(P);
            BigInteger r = s2.subtract(y).mod(P);
            if (h.signum() == 0) {
                if (r.signum() != 0) {
                    z = null; // P + (-P)
                    continue;
                }
                BigInteger[] doubled = doubleJacobian(x, y, z);
                x = doubled[0];
                y = doubled[1];
                z = doubled[2];
                continue;
            }
            BigInteger h2 = h.multiply(h).mod(P);
            BigInteger h3 = h2.multiply(h).mod(P);
            BigInteger xh2 = x.multiply(h2).mod(P);
            BigInteger x3 = r.multiply(r).subtract(h3).subtract(xh2.shiftLeft(1)).mod(P);
            BigInteger y3 = r.multiply(xh2.subtract(x3)).subtract(y.multiply(h3)).mod(P);
            z = z.multiply(h).mod(P);
            x = x3;
            y = y3;
        }
        if (z == null) {
            return null;
        }
        BigInteger zInv = z.modInverse(P);
        BigInteger zInv2 = zInv.multiply(zInv).mod(P);
        return new Secp256k1.Point(x.multiply(zInv2).mod(P), y.multiply(zInv2).multiply(zInv).mod(P));
    }

    private static BigInteger[] doubleJacobian(BigInteger x, BigInteger y, BigInteger z) {
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger s = x.multiply(y2).shiftLeft(2).mod(P);
        BigInteger m = x.multiply(x).multiply(BigInteger.valueOf(3)).mod(P);
        BigInteger x3 = m.multiply(m).subtract(s.shiftLeft(1)).mod(P);
        BigInteger y3 = m.multiply(s.subtract(x3)).subtract(y2.multiply(y2).shiftLeft(3)).mod(P);
        BigInteger z3 = y.multiply(z).shiftLeft(1).mod(P);
        return new BigInteger[] {x3, y3, z3};
    }

    private static Secp256k1.Point[][] buildTable() {
        Secp256k1.Point[][] table = new Secp256k1.Point[64][16];
        Secp256k1.Point base = Secp256k1.G;
        for (int i = 0; i < 64; i++) {
            table[i][1] = base;
            for (int d = 2; d < 16; d++) {
                table[i][d] = Secp256k1.add(table[i][d - 1], base);
            }
            base = Secp256k1.add(table[i][15], base); // 16·base
        }
        return table;
    }
}
