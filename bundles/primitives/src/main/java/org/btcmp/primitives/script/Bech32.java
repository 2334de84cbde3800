package org.btcmp.primitives.script;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import org.btcmp.primitives.DecodeException;

/** BIP173 bech32 and BIP350 bech32m, for segwit addresses. */
public final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32_CONST = 1;
    private static final int BECH32M_CONST = 0x2bc830a3;

    private Bech32() {
    }

    /** A decoded segwit address. */
    public record WitnessAddress(String hrp, int version, byte[] program) {
    }

    private static int polymod(byte[] values) {
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        for (byte v : values) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ (v & 0xff);
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        return chk;
    }

    private static byte[] hrpExpand(String hrp) {
        byte[] r = new byte[hrp.length() * 2 + 1];
        for (int i = 0; i < hrp.length(); i++) {
            r[i] = (byte) (hrp.charAt(i) >> 5);
            r[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
        }
        return r;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int maxv = (1 << to) - 1;
        for (byte b : in) {
            int v = b & 0xff;
            if ((v >>> from) != 0) {
                throw new DecodeException("invalid data value in bech32 payload");
            }
            acc = acc << from | v;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (to - bits)) & maxv);
            }
        } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
            throw new DecodeException("invalid padding in bech32 payload");
        }
        return out.toByteArray();
    }

    public static String encodeSegwit(String hrp, int version, byte[] program) {
        byte[] data = concat(new byte[] {(byte) version}, convertBits(program, 8, 5, true));
        int constant = version == 0 ? BECH32_CONST : BECH32M_CONST;
        byte[] values = concat(hrpExpand(hrp), concat(data, new byte[6]));
        int mod = polymod(values) ^ constant;
        StringBuilder sb = new StringBuilder(hrp).append('1');
        for (byte d : data) {
            sb.append(CHARSET.charAt(d));
        }
        for (int i = 0; i < 6; i++) {
            sb.append(CHARSET.charAt((mod >>> (5 * (5 - i))) & 31));
        }
        return sb.toString();
    }

    /** Decodes and checks a segwit address: checksum variant per version, program sizes per BIP141. */
    public static WitnessAddress decodeSegwit(String addr) {
        if (addr.length() > 90) {
            throw new DecodeException("bech32 string too long");
        }
        boolean lower = !addr.equals(addr.toUpperCase(Locale.ROOT));
        boolean upper = !addr.equals(addr.toLowerCase(Locale.ROOT));
        if (lower && upper) {
            throw new DecodeException("bech32 string has mixed case");
        }
        String s = addr.toLowerCase(Locale.ROOT);
        int sep = s.lastIndexOf('1');
        if (sep < 1 || sep + 7 > s.length()) {
            throw new DecodeException("bech32 separator missing or misplaced");
        }
        String hrp = s.substring(0, sep);
        byte[] data = new byte[s.length() - sep - 1];
        for (int i = 0; i < data.length; i++) {
            int v = CHARSET.indexOf(s.charAt(sep + 1 + i));
            if (v < 0) {
                throw new DecodeException("invalid bech32 character at position " + (sep + 1 + i));
            }
            data[i] = (byte) v;
        }
        int check = polymod(concat(hrpExpand(hrp), data));
        if (data.length < 7) {
            throw new DecodeException("bech32 data too short");
        }
        int version = data[0];
        int expected = version == 0 ? BECH32_CONST : BECH32M_CONST;
        if (check != expected) {
            throw new DecodeException("invalid bech32 checksum");
        }
        byte[] payload = new byte[data.length - 7];
        System.arraycopy(data, 1, payload, 0, payload.length);
        byte[] program = convertBits(payload, 5, 8, false);
        if (version > 16 || program.length < 2 || program.length > 40
                || (version == 0 && program.length != 20 && program.length != 32)) {
            throw new DecodeException("invalid witness program (version " + version + ", "
                    + program.length + " bytes)");
        }
        return new WitnessAddress(hrp, version, program);
    }
}
