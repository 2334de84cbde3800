package org.btcmp.primitives.script;

import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.crypto.PublicKey;

/**
 * Output descriptors (BIP380-382) for single scripts: addr(), raw(), pk(), pkh(), wpkh(), sh(wpkh())
 * with hex public keys, and Core's descriptor checksum. Extended keys and ranges are not supported
 * here yet and are refused with a clear error.
 */
public final class Descriptor {
    private static final String INPUT_CHARSET =
            "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
    private static final String CHECKSUM_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    private final String body;
    private final Script script;
    private final boolean solvable;

    private Descriptor(String body, Script script, boolean solvable) {
        this.body = body;
        this.script = script;
        this.solvable = solvable;
    }

    private static long polyMod(long c, int val) {
        long c0 = c >>> 35;
        c = ((c & 0x7ffffffffL) << 5) ^ val;
        if ((c0 & 1) != 0) {
            c ^= 0xf5dee51989L;
        }
        if ((c0 & 2) != 0) {
            c ^= 0xa9fdca3312L;
        }
        if ((c0 & 4) != 0) {
            c ^= 0x1bab10e32dL;
        }
        if ((c0 & 8) != 0) {
            c ^= 0x3706b1677aL;
        }
        if ((c0 & 16) != 0) {
            c ^= 0x644d626ffdL;
        }
        return c;
    }

    /** Core's DescriptorChecksum of {@code body}; DecodeException for a character outside its charset. */
    public static String checksum(String body) {
        long c = 1;
        int cls = 0;
        int count = 0;
        for (int i = 0; i < body.length(); i++) {
            int pos = INPUT_CHARSET.indexOf(body.charAt(i));
            if (pos < 0) {
                throw new DecodeException("Invalid character in descriptor at position " + i);
            }
            c = polyMod(c, pos & 31);
            cls = cls * 3 + (pos >> 5);
            if (++count == 3) {
                c = polyMod(c, cls);
                cls = 0;
                count = 0;
            }
        }
        if (count > 0) {
            c = polyMod(c, cls);
        }
        for (int j = 0; j < 8; j++) {
            c = polyMod(c, 0);
        }
        c ^= 1;
        StringBuilder out = new StringBuilder(8);
        for (int j = 0; j < 8; j++) {
            out.append(CHECKSUM_CHARSET.charAt((int) ((c >>> (5 * (7 - j))) & 31)));
        }
        return out.toString();
    }

    /** Parses a descriptor, checking its checksum when present (or demanding one when {@code requireChecksum}). */
    public static Descriptor parse(String text, ChainParams params, boolean requireChecksum) {
        String body = text;
        int hash = text.indexOf('#');
        if (hash >= 0) {
            body = text.substring(0, hash);
            String given = text.substring(hash + 1);
            if (given.length() != 8) {
                throw new DecodeException("Expected 8 character checksum, not " + given.length() + " characters");
            }
            String expected = checksum(body);
            if (!given.equals(expected)) {
                throw new DecodeException("Provided checksum '" + given + "' does not match computed checksum '"
                        + expected + "'");
            }
        } else if (requireChecksum) {
            throw new DecodeException("Missing checksum");
        }
        checksum(body);
        return new Descriptor(body, scriptOf(body, params, true), !body.startsWith("addr(") && !body.startsWith("raw("));
    }

    private static String inner(String body, String fn) {
        if (!body.startsWith(fn + "(") || !body.endsWith(")")) {
            return null;
        }
        return body.substring(fn.length() + 1, body.length() - 1);
    }

    private static Script scriptOf(String body, ChainParams params, boolean top) {
        String a;
        if ((a = inner(body, "addr")) != null && top) {
            try {
                return Address.toScript(a, params);
            } catch (DecodeException e) {
                throw new DecodeException("Address is not valid");
            }
        }
        if ((a = inner(body, "raw")) != null && top) {
            try {
                return Script.of(Hex.decode(a));
            } catch (DecodeException e) {
                throw new DecodeException("Raw script is not hex");
            }
        }
        if ((a = inner(body, "pk")) != null) {
            return new ScriptBuilder().data(key(a, false)).op(Opcodes.OP_CHECKSIG).build();
        }
        if ((a = inner(body, "pkh")) != null) {
            return ScriptBuilder.p2pkh(Hashes.hash160(key(a, false)));
        }
        if ((a = inner(body, "wpkh")) != null) {
            return ScriptBuilder.witness(0, Hashes.hash160(key(a, true)));
        }
        if ((a = inner(body, "sh")) != null && top) {
            return ScriptBuilder.p2sh(Hashes.hash160(scriptOf(a, params, false).bytes()));
        }
        throw new DecodeException("'" + body + "' is not a supported descriptor (supported: addr, raw, pk, pkh,"
                + " wpkh, sh(wpkh) with hex public keys)");
    }

    private static byte[] key(String hex, boolean compressedOnly) {
        byte[] k;
        try {
            k = Hex.decode(hex);
            PublicKey.parse(k);
        } catch (DecodeException e) {
            throw new DecodeException("key '" + hex + "' is not valid");
        }
        if (compressedOnly && k.length != 33) {
            throw new DecodeException("Uncompressed keys are not allowed");
        }
        return k;
    }

    public Script script() {
        return script;
    }

    /** The descriptor with its checksum appended. */
    public String withChecksum() {
        return body + "#" + checksum(body);
    }

    public boolean isSolvable() {
        return solvable;
    }
}
