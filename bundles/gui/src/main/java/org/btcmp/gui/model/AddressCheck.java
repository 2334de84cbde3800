package org.btcmp.gui.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Checks an address as it is typed: bech32 (BIP173, witness v0) or bech32m (BIP350, v1+) with the
 * network's prefix, or base58check P2PKH/P2SH with the network's version byte. Returns what is wrong
 * in words, or null for an address the network accepts.
 */
public final class AddressCheck {
    private static final String BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int BECH32_CONST = 1;
    private static final int BECH32M_CONST = 0x2bc830a3;

    private AddressCheck() {
    }

    /** Null when {@code address} is a valid address of {@code network}, else why it is not. */
    public static String problem(String address, Network network) {
        String a = address == null ? "" : address.strip();
        if (a.isEmpty()) {
            return "Enter an address";
        }
        int sep = a.lastIndexOf('1');
        String lower = a.toLowerCase(Locale.ROOT);
        if (sep > 0 && isBech32Prefix(lower.substring(0, sep))) {
            return bech32Problem(a, sep, network);
        }
        return base58Problem(a, network);
    }

    private static boolean isBech32Prefix(String hrp) {
        return hrp.equals("bc") || hrp.equals("tb") || hrp.equals("bcrt");
    }

    private static String bech32Problem(String a, int sep, Network network) {
        if (!a.equals(a.toLowerCase(Locale.ROOT)) && !a.equals(a.toUpperCase(Locale.ROOT))) {
            return "Mixed upper and lower case";
        }
        String s = a.toLowerCase(Locale.ROOT);
        String hrp = s.substring(0, sep);
        if (!hrp.equals(network.hrp)) {
            return "This is an address for another network (" + hrp + "1…), not " + network.displayName();
        }
        if (s.length() > 90) {
            return "Too long for an address";
        }
        int[] data = new int[s.length() - sep - 1];
        for (int i = 0; i < data.length; i++) {
            int v = BECH32_CHARSET.indexOf(s.charAt(sep + 1 + i));
            if (v < 0) {
                return "'" + s.charAt(sep + 1 + i) + "' cannot appear in this address";
            }
            data[i] = v;
        }
        if (data.length < 7) {
            return "Too short for an address";
        }
        int check = polymod(hrp, data);
        int version = data[0];
        if (check != BECH32_CONST && check != BECH32M_CONST) {
            return "Checksum mismatch: a character is mistyped";
        }
        if (version > 16) {
            return "Unknown witness version";
        }
        if ((version == 0) != (check == BECH32_CONST)) {
            return version == 0 ? "Witness v0 must use bech32, not bech32m" : "Witness v1+ must use bech32m, not bech32";
        }
        byte[] program = convertBits(Arrays.copyOfRange(data, 1, data.length - 6));
        if (program == null || program.length < 2 || program.length > 40) {
            return "Bad witness program";
        }
        if (version == 0 && program.length != 20 && program.length != 32) {
            return "A v0 witness program is 20 or 32 bytes";
        }
        return null;
    }

    private static int polymod(String hrp, int[] data) {
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        int[] values = new int[hrp.length() * 2 + 1 + data.length];
        int n = 0;
        for (char c : hrp.toCharArray()) {
            values[n++] = c >> 5;
        }
        values[n++] = 0;
        for (char c : hrp.toCharArray()) {
            values[n++] = c & 31;
        }
        for (int d : data) {
            values[n++] = d;
        }
        for (int v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        return chk;
    }

    /** 5-bit groups to bytes; null when padding is not zero or too long. */
    private static byte[] convertBits(int[] fives) {
        int acc = 0;
        int bits = 0;
        byte[] out = new byte[fives.length * 5 / 8];
        int n = 0;
        for (int v : fives) {
            acc = (acc << 5) | v;
            bits += 5;
            while (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (acc >>> bits);
            }
        }
        if (bits >= 5 || (acc & ((1 << bits) - 1)) != 0) {
            return null;
        }
        return Arrays.copyOf(out, n);
    }

    private static String base58Problem(String a, Network network) {
        java.math.BigInteger num = java.math.BigInteger.ZERO;
        for (char c : a.toCharArray()) {
            int v = BASE58.indexOf(c);
            if (v < 0) {
                return "'" + c + "' cannot appear in an address";
            }
            num = num.multiply(java.math.BigInteger.valueOf(58)).add(java.math.BigInteger.valueOf(v));
        }
        int zeros = 0;
        while (zeros < a.length() && a.charAt(zeros) == '1') {
            zeros++;
        }
        byte[] body = num.signum() == 0 ? new byte[0] : num.toByteArray();
        if (body.length > 0 && body[0] == 0) {
            body = Arrays.copyOfRange(body, 1, body.length);
        }
        byte[] raw = new byte[zeros + body.length];
        System.arraycopy(body, 0, raw, zeros, body.length);
        if (raw.length != 25) {
            return raw.length < 25 ? "Too short for an address" : "Too long for an address";
        }
        byte[] payload = Arrays.copyOf(raw, 21);
        byte[] sum = Arrays.copyOf(sha256(sha256(payload)), 4);
        if (!Arrays.equals(sum, Arrays.copyOfRange(raw, 21, 25))) {
            return "Checksum mismatch: a character is mistyped";
        }
        int version = raw[0] & 0xff;
        if (version != network.pubkeyHashVersion && version != network.scriptHashVersion) {
            return "This is an address for another network, not " + network.displayName();
        }
        return null;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
