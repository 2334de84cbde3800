package org.btcmp.primitives.script;

import java.math.BigInteger;
import java.util.Arrays;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hashes;

/** Base58Check as legacy addresses and WIF keys use it. */
public final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    public static String encodeCheck(byte[] payload) {
        byte[] check = Arrays.copyOf(Hashes.sha256d(payload), 4);
        byte[] all = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(check, 0, all, payload.length, 4);
        StringBuilder sb = new StringBuilder();
        BigInteger n = new BigInteger(1, all);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < all.length && all[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    public static byte[] decodeCheck(String s) {
        if (s.isEmpty() || s.length() > 120) {
            throw new DecodeException("base58 string has bad length " + s.length());
        }
        BigInteger n = BigInteger.ZERO;
        int zeros = 0;
        while (zeros < s.length() && s.charAt(zeros) == '1') {
            zeros++;
        }
        for (int i = 0; i < s.length(); i++) {
            int d = ALPHABET.indexOf(s.charAt(i));
            if (d < 0) {
                throw new DecodeException("invalid base58 character at position " + i);
            }
            n = n.multiply(BASE).add(BigInteger.valueOf(d));
        }
        byte[] body = n.signum() == 0 ? new byte[0] : n.toByteArray();
        if (body.length > 0 && body[0] == 0) {
            body = Arrays.copyOfRange(body, 1, body.length);
        }
        byte[] all = new byte[zeros + body.length];
        System.arraycopy(body, 0, all, zeros, body.length);
        if (all.length < 4) {
            throw new DecodeException("base58 string too short for a checksum");
        }
        byte[] payload = Arrays.copyOf(all, all.length - 4);
        byte[] check = Arrays.copyOf(Hashes.sha256d(payload), 4);
        if (!Arrays.equals(check, Arrays.copyOfRange(all, all.length - 4, all.length))) {
            throw new DecodeException("invalid base58 checksum");
        }
        return payload;
    }
}
