package org.btcmp.primitives.crypto;

import java.math.BigInteger;

/**
 * Width-w non-adjacent form (variable time: for public scalars only): digits least significant first,
 * each 0 or odd with |d| &lt; 2^(w-1), at most one non-zero digit in any w consecutive ones, and
 * Σ d_i·2^i = k. The scan reads the scalar's bits directly; a pending carry stands for having
 * rounded the previous window up to a negative digit.
 */
final class Wnaf {
    private Wnaf() {
    }

    /** The digits of k &gt;= 0, as many as its bit length plus one (trailing zeros included). */
    static int[] of(BigInteger k, int w) {
        long[] words = new long[(k.bitLength() + 63) / 64 + 1];
        for (int i = 0; i < words.length; i++) {
            words[i] = k.shiftRight(64 * i).longValue();
        }
        int bits = k.bitLength();
        int[] digits = new int[bits + 1];
        int carry = 0;
        int pos = 0;
        while (pos <= bits) {
            if (bit(words, pos) == carry) {
                pos++;
                continue;
            }
            int d = window(words, pos, w) + carry;
            carry = (d >> (w - 1)) & 1;
            d -= carry << w;
            digits[pos] = d;
            pos += w;
        }
        return digits;
    }

    private static int bit(long[] words, int pos) {
        int word = pos >>> 6;
        return word < words.length ? (int) (words[word] >>> (pos & 63)) & 1 : 0;
    }

    /** Bits pos .. pos+w-1 (w &lt;= 30) as an unsigned number. */
    private static int window(long[] words, int pos, int w) {
        int v = 0;
        for (int i = w - 1; i >= 0; i--) {
            v = (v << 1) | bit(words, pos + i);
        }
        return v;
    }
}
