package org.btcmp.wallet.keys;

import java.math.BigInteger;
import org.btcmp.primitives.crypto.Secp256k1;

/** Encodings of secp256k1 points and scalars the wallet needs (compressed and x-only keys). */
public final class EcKeys {
    private EcKeys() {
    }

    public static byte[] to32(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, 32 - len, len);
        return out;
    }

    /** SEC1 compressed encoding: 0x02/0x03 by the parity of y, then x. */
    public static byte[] compressed(Secp256k1.Point p) {
        byte[] out = new byte[33];
        out[0] = (byte) (p.hasEvenY() ? 2 : 3);
        System.arraycopy(to32(p.x()), 0, out, 1, 32);
        return out;
    }

    /** BIP340 x-only encoding: just x. */
    public static byte[] xOnly(Secp256k1.Point p) {
        return to32(p.x());
    }
}
