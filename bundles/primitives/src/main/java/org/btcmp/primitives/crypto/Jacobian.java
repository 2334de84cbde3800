package org.btcmp.primitives.crypto;

/**
 * A mutable secp256k1 point in Jacobian coordinates (x/z², y/z³), with its own scratch space so the
 * formulas never allocate. Coordinates are kept at magnitude 1 between operations. Affine inputs are
 * pairs of normalized field elements. Not thread-safe: one instance per computation.
 */
final class Jacobian {
    final long[] x = Field.create();
    final long[] y = Field.create();
    final long[] z = Field.create();
    /** Only the variable-time methods set or read this; the constant-time path never meets infinity. */
    boolean infinity = true;
    private final long[] t1 = Field.create();
    private final long[] t2 = Field.create();
    private final long[] t3 = Field.create();
    private final long[] t4 = Field.create();
    private final long[] t5 = Field.create();
    private final long[] t6 = Field.create();
    private final long[] t7 = Field.create();
    private final long[] t8 = Field.create();
    private final long[] t9 = Field.create();

    void setAffine(long[] ax, long[] ay) {
        Field.copy(x, ax);
        Field.copy(y, ay);
        java.util.Arrays.fill(z, 0);
        z[0] = 1;
        infinity = false;
    }

    void set(Jacobian p) {
        Field.copy(x, p.x);
        Field.copy(y, p.y);
        Field.copy(z, p.z);
        infinity = p.infinity;
    }

    /** this = mask ? p : this, without branches. */
    void select(Jacobian p, long mask) {
        Field.select(x, p.x, mask);
        Field.select(y, p.y, mask);
        Field.select(z, p.z, mask);
    }

    /**
     * this = 2·this: S = 4xy², M = 3x², x' = M² - 2S, y' = M(S - x') - 8y⁴, z' = 2yz (a = 0).
     * Branch-free; the curve has no point of order two, so only infinity doubles to infinity.
     */
    void doubleInPlace() {
        Field.mul(z, y, z);
        Field.add(z, z, z);
        Field.normalizeWeak(z);
        Field.sqr(t1, y); // y²
        Field.mul(t2, x, t1); // s = xy², S = 4s
        Field.sqr(t3, x);
        Field.mulInt(t3, t3, 3); // M, magnitude 3
        Field.sqr(x, t3);
        Field.mulInt(t4, t2, 8);
        Field.negate(t4, t4, 8);
        Field.add(x, x, t4);
        Field.normalizeWeak(x); // x' = M² - 8s
        Field.negate(t4, x, 1);
        Field.mulInt(t2, t2, 4);
        Field.add(t2, t2, t4); // S - x', magnitude 6
        Field.mul(t2, t3, t2);
        Field.sqr(t1, t1);
        Field.mulInt(t1, t1, 8);
        Field.negate(t1, t1, 8);
        Field.add(y, t2, t1);
        Field.normalizeWeak(y);
    }

    /** Variable time: 2·this, infinity stays infinity. */
    void doubleVar() {
        if (!infinity) {
            doubleInPlace();
        }
    }

    /**
     * this += (bx, by) with the general formula: H = bx·z² - x, R = by·z³ - y, x' = R² - H³ - 2xH²,
     * y' = R(xH² - x') - yH³, z' = zH. Branch-free, and right unless this = ±b (then H = 0: z' = 0);
     * returns H at magnitude 3 in {@code hOut} so a caller can tell.
     */
    void addAffine(long[] bx, long[] by, long[] hOut) {
        Field.sqr(t1, z);
        Field.mul(t2, bx, t1); // u2
        Field.mul(t3, by, t1);
        Field.mul(t3, t3, z); // s2
        Field.negate(t4, x, 1);
        Field.add(t4, t2, t4); // H, magnitude 3
        Field.negate(t5, y, 1);
        Field.add(t5, t3, t5); // R, magnitude 3
        Field.copy(hOut, t4);
        Field.copy(t9, t5);
        finishAdd();
    }

    /** Variable time: this += (bx, by), covering infinity, doubling and cancellation. */
    void addAffineVar(long[] bx, long[] by) {
        if (infinity) {
            setAffine(bx, by);
            return;
        }
        Field.sqr(t1, z);
        Field.mul(t2, bx, t1);
        Field.mul(t3, by, t1);
        Field.mul(t3, t3, z);
        Field.negate(t4, x, 1);
        Field.add(t4, t2, t4);
        Field.negate(t5, y, 1);
        Field.add(t5, t3, t5);
        if (Field.isZeroVar(t4, t6)) {
            if (Field.isZeroVar(t5, t6)) {
                doubleInPlace();
            } else {
                infinity = true;
            }
            return;
        }
        Field.copy(t9, t5);
        finishAdd();
    }

    /** The tail of the addition with H in t4 and R in t9. */
    private void finishAdd() {
        Field.sqr(t6, t4); // H²
        Field.mul(t7, t6, t4); // H³
        Field.mul(t8, x, t6); // xH²
        Field.mul(z, z, t4);
        Field.sqr(x, t9);
        Field.negate(t1, t7, 1);
        Field.add(x, x, t1);
        Field.add(t2, t8, t8);
        Field.negate(t2, t2, 2);
        Field.add(x, x, t2);
        Field.normalizeWeak(x);
        Field.negate(t1, x, 1);
        Field.add(t1, t8, t1); // xH² - x'
        Field.mul(t1, t9, t1);
        Field.mul(t2, y, t7);
        Field.negate(t2, t2, 1);
        Field.add(y, t1, t2);
        Field.normalizeWeak(y);
    }

    /** The affine x and y (normalized) of a point that is not infinity; uses a constant-time inversion. */
    void toAffine(long[] ax, long[] ay) {
        FieldPowers.inverse(t1, z);
        Field.sqr(t2, t1);
        Field.mul(ax, x, t2);
        Field.normalize(ax);
        Field.mul(t2, t2, t1);
        Field.mul(ay, y, t2);
        Field.normalize(ay);
    }
}
