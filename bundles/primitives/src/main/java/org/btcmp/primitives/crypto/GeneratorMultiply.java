package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * Constant-time k·G for secret scalars (signing nonces, secret keys, key derivation): 64 windows of
 * 4 bits with signed odd digits ({@link OddDigits}) over a table of (2j+1)·16^i·G, each window read by
 * scanning all eight entries with masks; the field operations and memory accesses do not depend on k.
 *
 * <p>The partial sum before window i is a multiple of G with a scalar below 16^i in absolute value,
 * while window i adds at least 16^i times G, so no addition meets ±its other operand, except at the
 * last window for the one odd scalar 15·2^253 - N, where it is a doubling: that step computes both
 * and selects with a mask.
 */
final class GeneratorMultiply {
    private static final int WINDOWS = 64;
    private static final long[] TABLE = buildTable();

    private GeneratorMultiply() {
    }

    /** k·G as normalized affine (x, y) into the two arrays; k in [1, N). */
    static void multiply(BigInteger k, long[] outX, long[] outY) {
        long[] e = OddDigits.recode(k);
        Jacobian acc = new Jacobian();
        Jacobian doubled = new Jacobian();
        long[] px = Field.create();
        long[] py = Field.create();
        long[] negY = Field.create();
        long[] h = Field.create();
        OddDigits.lookup(TABLE, 0, OddDigits.nibble(e, 0), px, py, negY);
        acc.setAffine(px, py);
        for (int i = 1; i < WINDOWS; i++) {
            OddDigits.lookup(TABLE, i * OddDigits.ENTRIES * OddDigits.STRIDE, OddDigits.nibble(e, i), px, py, negY);
            if (i == WINDOWS - 1) {
                doubled.set(acc);
                doubled.doubleInPlace();
            }
            acc.addAffine(px, py, h);
        }
        Field.normalize(h);
        acc.select(doubled, Field.zeroMask(h));
        acc.toAffine(outX, outY);
        Field.negate(negY, outY, 1);
        Field.normalize(negY);
        Field.select(outY, negY, e[8]);
    }

    private static long[] buildTable() {
        long[] table = new long[WINDOWS * OddDigits.ENTRIES * OddDigits.STRIDE];
        long[] bx = Field.fromBig(Secp256k1.G.x());
        long[] by = Field.fromBig(Secp256k1.G.y());
        for (int i = 0; i < WINDOWS; i++) {
            AffineTable odd = new AffineTable(bx, by, OddDigits.ENTRIES);
            OddDigits.store(table, i * OddDigits.ENTRIES * OddDigits.STRIDE, odd);
            // 16·base = 15·base + base
            Jacobian next = new Jacobian();
            next.setAffine(odd.xs[OddDigits.ENTRIES - 1], odd.ys[OddDigits.ENTRIES - 1]);
            next.addAffine(bx, by, Field.create());
            long[] nx = Field.create();
            long[] ny = Field.create();
            next.toAffine(nx, ny);
            bx = nx;
            by = ny;
        }
        return table;
    }
}
