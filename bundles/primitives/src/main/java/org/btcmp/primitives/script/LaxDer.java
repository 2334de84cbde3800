package org.btcmp.primitives.script;

import java.math.BigInteger;
import java.util.Arrays;
import org.btcmp.primitives.crypto.EcdsaSignature;

/**
 * The permissive DER parsing Core applies to signatures before BIP66 (its ecdsa_signature_parse_der_lax):
 * long-form lengths and padding tolerated; an r or s wider than 32 bytes yields a signature that never verifies.
 */
final class LaxDer {
    private LaxDer() {
    }

    /** The signature, or null when even the lax rules cannot read it. */
    static EcdsaSignature parse(byte[] in) {
        int[] pos = {0};
        if (!expect(in, pos, 0x30) || readLength(in, pos) < 0) {
            return null;
        }
        byte[] r = readInteger(in, pos);
        if (r == null) {
            return null;
        }
        byte[] s = readInteger(in, pos);
        if (s == null) {
            return null;
        }
        BigInteger rv = toScalar(r);
        BigInteger sv = toScalar(s);
        if (rv == null || sv == null) {
            return new EcdsaSignature(BigInteger.ZERO, BigInteger.ZERO);
        }
        return new EcdsaSignature(rv, sv);
    }

    private static boolean expect(byte[] in, int[] pos, int b) {
        if (pos[0] >= in.length || (in[pos[0]] & 0xff) != b) {
            return false;
        }
        pos[0]++;
        return true;
    }

    /** A DER length, short or long form; -1 when malformed or running past the input. */
    private static long readLength(byte[] in, int[] pos) {
        if (pos[0] >= in.length) {
            return -1;
        }
        int first = in[pos[0]++] & 0xff;
        if ((first & 0x80) == 0) {
            return first;
        }
        int n = first & 0x7f;
        while (n > 0 && pos[0] < in.length && in[pos[0]] == 0) {
            pos[0]++;
            n--;
        }
        if (n >= 8 || in.length - pos[0] < n) {
            return -1;
        }
        long len = 0;
        for (int i = 0; i < n; i++) {
            len = len << 8 | (in[pos[0]++] & 0xff);
        }
        return len;
    }

    private static byte[] readInteger(byte[] in, int[] pos) {
        if (!expect(in, pos, 0x02)) {
            return null;
        }
        long len = readLength(in, pos);
        if (len < 0 || len > in.length - pos[0]) {
            return null;
        }
        byte[] v = Arrays.copyOfRange(in, pos[0], pos[0] + (int) len);
        pos[0] += (int) len;
        return v;
    }

    private static BigInteger toScalar(byte[] v) {
        int start = 0;
        while (start < v.length && v[start] == 0) {
            start++;
        }
        if (v.length - start > 32) {
            return null;
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(v, start, v.length));
        return x.compareTo(org.btcmp.primitives.crypto.Secp256k1.N) >= 0 ? null : x;
    }
}
