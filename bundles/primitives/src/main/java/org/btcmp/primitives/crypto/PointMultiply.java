package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * Constant-time k·P for a public point P and a secret k (ECDH): the signed odd digits of
 * {@link OddDigits}, most significant first, four doublings and one masked table read and addition
 * per window over P's odd multiples 1P ... 15P (built in variable time: P is public).
 *
 * <p>Before adding digit d_i the accumulator is 16A·P, with A the value of the digits above (odd,
 * so not zero). For i &gt;= 1, 16 &lt;= |16A| &lt; 2^252, so 16A = ±d_i (mod N) is impossible; at the
 * last window it would need k' = 2·d_0 (mod N), which the recoding of such a k' never yields
 * (its d_0 would be 17 + 2·d_0). So no addition is a doubling or a cancellation.
 */
final class PointMultiply {
    private static final int WINDOWS = 64;

    private PointMultiply() {
    }

    /** k·(qx, qy) as normalized affine (x, y); (qx, qy) normalized and not infinity, k in [1, N). */
    static void multiply(long[] qx, long[] qy, BigInteger k, long[] outX, long[] outY) {
        long[] table = new long[OddDigits.ENTRIES * OddDigits.STRIDE];
        OddDigits.store(table, 0, new AffineTable(qx, qy, OddDigits.ENTRIES));
        long[] e = OddDigits.recode(k);
        Jacobian acc = new Jacobian();
        long[] px = Field.create();
        long[] py = Field.create();
        long[] negY = Field.create();
        long[] h = Field.create();
        OddDigits.lookup(table, 0, OddDigits.nibble(e, WINDOWS - 1), px, py, negY);
        acc.setAffine(px, py);
        for (int i = WINDOWS - 2; i >= 0; i--) {
            for (int d = 0; d < 4; d++) {
                acc.doubleInPlace();
            }
            OddDigits.lookup(table, 0, OddDigits.nibble(e, i), px, py, negY);
            acc.addAffine(px, py, h);
        }
        acc.toAffine(outX, outY);
        Field.negate(negY, outY, 1);
        Field.normalize(negY);
        Field.select(outY, negY, e[8]);
    }
}
