package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * a·G + b·Q for verification (variable time: every input is public). Both scalars are split with the
 * endomorphism ({@link Glv}) into four halves of about 128 bits, each recoded in wNAF, and all four
 * share one chain of about 129 doublings (Shamir's trick). G's odd multiples are built once with a
 * wide window; Q's with a narrow one per call, without inversion ({@link ScaledTable}).
 */
final class DoubleMultiply {
    private static final int G_WINDOW = 10;
    private static final int Q_WINDOW = 5;
    private static final AffineTable G_TABLE = new AffineTable(Field.fromBig(Secp256k1.G.x()),
            Field.fromBig(Secp256k1.G.y()), 1 << (G_WINDOW - 2));

    private DoubleMultiply() {
    }

    /**
     * a·G + b·(qx, qy) into {@code out} (infinity flagged there); (qx, qy) is a normalized affine point
     * or null for none. Scalars must be in [0, N).
     */
    static void multiplyAdd(BigInteger a, long[] qx, long[] qy, BigInteger b, Jacobian out) {
        BigInteger[] as = Glv.split(a);
        int[][] digits = new int[4][];
        boolean[] negative = new boolean[4];
        long[][][] xTables = new long[4][][];
        long[][][] yTables = new long[4][][];
        int streams = 2;
        digits[0] = Wnaf.of(as[0].abs(), G_WINDOW);
        digits[1] = Wnaf.of(as[1].abs(), G_WINDOW);
        negative[0] = as[0].signum() < 0;
        negative[1] = as[1].signum() < 0;
        xTables[0] = G_TABLE.xs;
        xTables[1] = G_TABLE.lambdaXs;
        yTables[0] = G_TABLE.ys;
        yTables[1] = G_TABLE.ys;
        ScaledTable q = null;
        if (qx != null && b.signum() != 0) {
            BigInteger[] bs = Glv.split(b);
            q = new ScaledTable(qx, qy, 1 << (Q_WINDOW - 2));
            digits[2] = Wnaf.of(bs[0].abs(), Q_WINDOW);
            digits[3] = Wnaf.of(bs[1].abs(), Q_WINDOW);
            negative[2] = bs[0].signum() < 0;
            negative[3] = bs[1].signum() < 0;
            xTables[2] = q.xs;
            xTables[3] = q.lambdaXs;
            yTables[2] = q.ys;
            yTables[3] = q.ys;
            streams = 4;
        }
        int length = 0;
        for (int s = 0; s < streams; s++) {
            length = Math.max(length, digits[s].length);
        }
        long[] negY = Field.create();
        // With Q, the loop runs on Q's table's scaled curve: G's points are mapped there on the fly.
        long[] zt2 = null;
        long[] zt3 = null;
        long[] gx = Field.create();
        long[] gy = Field.create();
        if (q != null) {
            zt2 = Field.create();
            Field.sqr(zt2, q.zt);
            zt3 = Field.create();
            Field.mul(zt3, zt2, q.zt);
        }
        out.infinity = true;
        for (int i = length - 1; i >= 0; i--) {
            out.doubleVar();
            for (int s = 0; s < streams; s++) {
                int d = i < digits[s].length ? digits[s][i] : 0;
                if (d == 0) {
                    continue;
                }
                int entry = Math.abs(d) >> 1;
                long[] x = xTables[s][entry];
                long[] y = yTables[s][entry];
                if (s < 2 && q != null) {
                    Field.mul(gx, x, zt2);
                    Field.mul(gy, y, zt3);
                    x = gx;
                    y = gy;
                }
                if ((d < 0) != negative[s]) {
                    Field.negate(negY, y, 1);
                    Field.normalizeWeak(negY);
                    y = negY;
                }
                out.addAffineVar(x, y);
            }
        }
        if (q != null && !out.infinity) {
            Field.mul(out.z, out.z, q.zt);
        }
    }
}
