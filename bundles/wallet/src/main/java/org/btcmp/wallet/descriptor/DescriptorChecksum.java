package org.btcmp.wallet.descriptor;

/**
 * The eight-character descriptor checksum of BIP380 ({@code #89f8spxm}): a BCH code over the
 * descriptor's characters, which catches up to four substitution errors.
 */
public final class DescriptorChecksum {
    private static final String INPUT_CHARSET =
            "0123456789()[],'/*abcdefgh@:$%{}"
            + "IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~"
            + "ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
    private static final String CHECKSUM_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final long[] GENERATOR = {0xf5dee51989L, 0xa9fdca3312L, 0x1bab10e32dL, 0x3706b1677aL, 0x644d626ffdL};

    private DescriptorChecksum() {
    }

    /**
     * The checksum of {@code descriptor} (given without one).
     *
     * @throws DescriptorException when a character is outside the descriptor character set
     */
    public static String compute(String descriptor) {
        long c = 1;
        int cls = 0;
        int clsCount = 0;
        for (int i = 0; i < descriptor.length(); i++) {
            int pos = INPUT_CHARSET.indexOf(descriptor.charAt(i));
            if (pos < 0) {
                throw new DescriptorException("Invalid character '" + descriptor.charAt(i) + "' at position " + i);
            }
            c = polyMod(c, pos & 31);
            cls = cls * 3 + (pos >> 5);
            if (++clsCount == 3) {
                c = polyMod(c, cls);
                cls = 0;
                clsCount = 0;
            }
        }
        if (clsCount > 0) {
            c = polyMod(c, cls);
        }
        for (int j = 0; j < 8; j++) {
            c = polyMod(c, 0);
        }
        c ^= 1;
        char[] out = new char[8];
        for (int j = 0; j < 8; j++) {
            out[j] = CHECKSUM_CHARSET.charAt((int) ((c >> (5 * (7 - j))) & 31));
        }
        return new String(out);
    }

    /** {@code descriptor#checksum}. */
    public static String append(String descriptor) {
        return descriptor + "#" + compute(descriptor);
    }

    /**
     * The descriptor without its checksum, after checking the checksum when one is given.
     *
     * @param required whether a missing checksum is an error (as in importdescriptors)
     * @throws DescriptorException with Core's wording for a missing, malformed or wrong checksum
     */
    public static String verifyAndStrip(String text, boolean required) {
        int hash = text.indexOf('#');
        if (hash < 0) {
            if (required) {
                throw new DescriptorException("Missing checksum");
            }
            compute(text); // the character set check still applies
            return text;
        }
        if (text.indexOf('#', hash + 1) >= 0) {
            throw new DescriptorException("Multiple '#' symbols");
        }
        String payload = text.substring(0, hash);
        String given = text.substring(hash + 1);
        if (given.length() != 8) {
            throw new DescriptorException("Expected 8 character checksum, not " + given.length() + " characters");
        }
        String computed = compute(payload);
        if (!computed.equals(given)) {
            throw new DescriptorException(
                    "Provided checksum '" + given + "' does not match computed checksum '" + computed + "'");
        }
        return payload;
    }

    private static long polyMod(long c, int value) {
        long c0 = c >>> 35;
        c = ((c & 0x7ffffffffL) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if ((c0 >> i & 1) != 0) {
                c ^= GENERATOR[i];
            }
        }
        return c;
    }
}
