package org.btcmp.primitives.crypto;

/**
 * The odd multiples Q, 3Q, ... of a public point without any inversion. All entries are brought to
 * one Jacobian z (called {@link #zt}), so each entry's (x, y) is affine on the isomorphic curve
 * y² = x³ + 7·zt⁶ reached by (x, y) -&gt; (x·zt², y·zt³); the addition and doubling formulas never
 * use the curve's constant, so a whole multiplication can run there and map back by multiplying its
 * z by zt. The steps: 2Q in Jacobian (z = zd) makes 2Q affine on the curve scaled by zd, so the
 * multiples follow by mixed additions; each addition multiplies z by its H, so rescaling entry i by
 * the product of the later H's gives every entry the last z, and zt = that z times zd.
 */
final class ScaledTable {
    final long[][] xs;
    final long[][] ys;
    final long[][] lambdaXs;
    final long[] zt = Field.create();

    /** The first {@code count} odd multiples of the normalized affine point (qx, qy). */
    ScaledTable(long[] qx, long[] qy, int count) {
        Jacobian acc = new Jacobian();
        acc.setAffine(qx, qy);
        acc.doubleInPlace();
        long[] dx = acc.x.clone();
        long[] dy = acc.y.clone();
        long[] zd = acc.z.clone();
        long[] zd2 = Field.create();
        Field.sqr(zd2, zd);
        long[] zd3 = Field.create();
        Field.mul(zd3, zd2, zd);
        long[] sx = Field.create();
        long[] sy = Field.create();
        Field.mul(sx, qx, zd2);
        Field.mul(sy, qy, zd3);
        acc.setAffine(sx, sy);
        xs = new long[count][];
        ys = new long[count][];
        lambdaXs = new long[count][];
        long[][] h = new long[count][];
        xs[0] = sx;
        ys[0] = sy;
        for (int i = 1; i < count; i++) {
            h[i] = Field.create();
            // (2i+1)Q is never ±2Q for i < N/2, so the general formula is right here.
            acc.addAffine(dx, dy, h[i]);
            xs[i] = acc.x.clone();
            ys[i] = acc.y.clone();
        }
        Field.mul(zt, acc.z, zd);
        long[] ratio = Field.of(1);
        long[] ratio2 = Field.create();
        long[] ratio3 = Field.create();
        for (int i = count - 1; i >= 0; i--) {
            if (i < count - 1) {
                Field.mul(ratio, ratio, h[i + 1]);
                Field.sqr(ratio2, ratio);
                Field.mul(ratio3, ratio2, ratio);
                Field.mul(xs[i], xs[i], ratio2);
                Field.mul(ys[i], ys[i], ratio3);
            }
            Field.normalize(xs[i]);
            Field.normalize(ys[i]);
            lambdaXs[i] = Field.create();
            Field.mul(lambdaXs[i], xs[i], Glv.BETA_FIELD);
            Field.normalize(lambdaXs[i]);
        }
    }
}
