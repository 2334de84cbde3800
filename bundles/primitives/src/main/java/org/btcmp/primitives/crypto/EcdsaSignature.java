package org.btcmp.primitives.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import org.btcmp.primitives.DecodeException;

/** An ECDSA signature (r, s) with BIP66 strict DER encoding. */
public record EcdsaSignature(BigInteger r, BigInteger s) {

    public boolean hasLowS() {
        return s.compareTo(Secp256k1.HALF_N) <= 0;
    }

    public EcdsaSignature normalizeS() {
        return hasLowS() ? this : new EcdsaSignature(r, Secp256k1.N.subtract(s));
    }

    /** BIP66's IsValidSignatureEncoding, on a signature without its sighash byte. */
    public static boolean isStrictDer(byte[] sig) {
        if (sig.length < 8 || sig.length > 72) {
            return false;
        }
        if ((sig[0] & 0xff) != 0x30 || (sig[1] & 0xff) != sig.length - 2) {
            return false;
        }
        int lenR = sig[3] & 0xff;
        if (5 + lenR >= sig.length) {
            return false;
        }
        int lenS = sig[5 + lenR] & 0xff;
        if (lenR + lenS + 6 != sig.length) {
            return false;
        }
        if (sig[2] != 0x02 || lenR == 0 || (sig[4] & 0x80) != 0) {
            return false;
        }
        if (lenR > 1 && sig[4] == 0 && (sig[5] & 0x80) == 0) {
            return false;
        }
        if (sig[lenR + 4] != 0x02 || lenS == 0 || (sig[lenR + 6] & 0x80) != 0) {
            return false;
        }
        return !(lenS > 1 && sig[lenR + 6] == 0 && (sig[lenR + 7] & 0x80) == 0);
    }

    /** Parses strict DER (no sighash byte). */
    public static EcdsaSignature fromDer(byte[] der) {
        if (!isStrictDer(der)) {
            throw new DecodeException("signature is not strict DER");
        }
        int lenR = der[3] & 0xff;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(der, 4, 4 + lenR));
        int lenS = der[5 + lenR] & 0xff;
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(der, 6 + lenR, 6 + lenR + lenS));
        return new EcdsaSignature(r, s);
    }

    public byte[] toDer() {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(4 + rb.length + sb.length);
        out.write(0x02);
        out.write(rb.length);
        out.write(rb, 0, rb.length);
        out.write(0x02);
        out.write(sb.length);
        out.write(sb, 0, sb.length);
        return out.toByteArray();
    }
}
