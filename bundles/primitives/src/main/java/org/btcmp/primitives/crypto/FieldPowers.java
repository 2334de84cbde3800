package org.btcmp.primitives.crypto;

/**
 * Inversion (a^(P-2)) and square roots (a^((P+1)/4), as P = 3 mod 4) by fixed addition chains on
 * {@link Field}: the same squarings and multiplications for every input, so both are constant time.
 * Both exponents start with 223 ones, a zero and 22 ones; the chain builds a^(2^k - 1) for
 * k = 2, 3, 6, 9, 11, 22, 44, 88, 176, 220, 223 and then appends the tails bit group by bit group.
 */
final class FieldPowers {
    private FieldPowers() {
    }

    /** r = 1/a (0 for a = 0); r may be a. */
    static void inverse(long[] r, long[] a) {
        long[][] x = ones(a);
        long[] t = x[0];
        // P - 2 = [223 ones] 0 [22 ones] 0000101101
        squareTimes(t, 23);
        Field.mul(t, t, x[1]);
        squareTimes(t, 5);
        Field.mul(t, t, a);
        squareTimes(t, 3);
        Field.mul(t, t, x[2]);
        squareTimes(t, 2);
        Field.mul(r, t, a);
    }

    /** r = a square root of a when one exists (returns whether it does); r may not be a. */
    static boolean sqrt(long[] r, long[] a) {
        long[][] x = ones(a);
        long[] t = x[0];
        // (P + 1)/4 = [223 ones] 0 [22 ones] 000011 00
        squareTimes(t, 23);
        Field.mul(t, t, x[1]);
        squareTimes(t, 6);
        Field.mul(t, t, x[2]);
        squareTimes(t, 2);
        Field.copy(r, t);
        long[] check = Field.create();
        Field.sqr(check, r);
        Field.normalize(check);
        long[] given = a.clone();
        Field.normalize(given);
        return Field.equalsNormalized(check, given);
    }

    /** {a^(2^223 - 1), a^(2^22 - 1), a^(2^2 - 1)}. */
    private static long[][] ones(long[] a) {
        long[] x2 = Field.create();
        Field.sqr(x2, a);
        Field.mul(x2, x2, a);
        long[] x3 = Field.create();
        Field.sqr(x3, x2);
        Field.mul(x3, x3, a);
        long[] x6 = x3.clone();
        squareTimes(x6, 3);
        Field.mul(x6, x6, x3);
        long[] x9 = x6.clone();
        squareTimes(x9, 3);
        Field.mul(x9, x9, x3);
        long[] x11 = x9.clone();
        squareTimes(x11, 2);
        Field.mul(x11, x11, x2);
        long[] x22 = x11.clone();
        squareTimes(x22, 11);
        Field.mul(x22, x22, x11);
        long[] x44 = x22.clone();
        squareTimes(x44, 22);
        Field.mul(x44, x44, x22);
        long[] x88 = x44.clone();
        squareTimes(x88, 44);
        Field.mul(x88, x88, x44);
        long[] x176 = x88.clone();
        squareTimes(x176, 88);
        Field.mul(x176, x176, x88);
        long[] x220 = x176;
        squareTimes(x220, 44);
        Field.mul(x220, x220, x44);
        long[] x223 = x220;
        squareTimes(x223, 3);
        Field.mul(x223, x223, x3);
        return new long[][] {x223, x22, x2};
    }

    private static void squareTimes(long[] r, int times) {
        for (int i = 0; i < times; i++) {
            Field.sqr(r, r);
        }
    }
}
