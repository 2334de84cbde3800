package org.btcmp.primitives.crypto;

/**
 * The odd multiples p, 3p, 5p, ... of a point as normalized affine coordinates, and the same
 * multiples of λ·p (the endomorphism only multiplies x by β). Built with Jacobian additions of 2p and
 * two inversions in all (Montgomery's trick for the batch). Variable time: for public points.
 */
final class AffineTable {
    final long[][] xs;
    final long[][] ys;
    final long[][] lambdaXs;

    /** The first {@code count} odd multiples of the affine point (px, py), which is not infinity. */
    AffineTable(long[] px, long[] py, int count) {
        Jacobian twice = new Jacobian();
        twice.setAffine(px, py);
        twice.doubleInPlace();
        long[] dx = Field.create();
        long[] dy = Field.create();
        twice.toAffine(dx, dy);
        Jacobian[] jac = new Jacobian[count];
        jac[0] = new Jacobian();
        jac[0].setAffine(px, py);
        for (int i = 1; i < count; i++) {
            jac[i] = new Jacobian();
            jac[i].set(jac[i - 1]);
            // (2i+1)p differs from ±2p for every i < N/2, so the general formula is right here.
            jac[i].addAffine(dx, dy, Field.create());
        }
        xs = new long[count][];
        ys = new long[count][];
        lambdaXs = new long[count][];
        toAffine(jac);
    }

    private void toAffine(Jacobian[] jac) {
        int n = jac.length;
        long[][] prefix = new long[n][];
        long[] acc = Field.of(1);
        for (int i = 0; i < n; i++) {
            prefix[i] = Field.create();
            Field.mul(prefix[i], acc, jac[i].z);
            acc = prefix[i];
        }
        long[] inv = Field.create();
        FieldPowers.inverse(inv, acc);
        long[] zi = Field.create();
        long[] zi2 = Field.create();
        for (int i = n - 1; i >= 0; i--) {
            if (i == 0) {
                Field.copy(zi, inv);
            } else {
                Field.mul(zi, inv, prefix[i - 1]);
                Field.mul(inv, inv, jac[i].z);
            }
            Field.sqr(zi2, zi);
            xs[i] = Field.create();
            Field.mul(xs[i], jac[i].x, zi2);
            Field.normalize(xs[i]);
            Field.mul(zi2, zi2, zi);
            ys[i] = Field.create();
            Field.mul(ys[i], jac[i].y, zi2);
            Field.normalize(ys[i]);
            lambdaXs[i] = Field.create();
            Field.mul(lambdaXs[i], xs[i], Glv.BETA_FIELD);
            Field.normalize(lambdaXs[i]);
        }
    }
}
