package org.btcmp.itest;

/** BIP380's descriptor checksum (the 8 characters after '#'), so a test can write descriptors with keys of its own. */
final class DescriptorChecksum {
    private static final String INPUT_CHARSET =
            "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
    private static final String CHECKSUM_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final long[] GENERATOR = {0xf5dee51989L, 0xa9fdca3312L, 0x1bab10e32dL, 0x3706b1677aL, 0x644d626ffdL};

    private DescriptorChecksum() {
    }

    /** {@code descriptor#checksum}. */
    static String withChecksum(String descriptor) {
        long c = 1;
        int groupClasses = 0;
        int inGroup = 0;
        for (char ch : descriptor.toCharArray()) {
            int position = INPUT_CHARSET.indexOf(ch);
            if (position < 0) {
                throw new IllegalArgumentException("'" + ch + "' cannot appear in a descriptor");
            }
            c = step(c, position & 31);
            groupClasses = groupClasses * 3 + (position >> 5);
            if (++inGroup == 3) {
                c = step(c, groupClasses);
                groupClasses = 0;
                inGroup = 0;
            }
        }
        if (inGroup > 0) {
            c = step(c, groupClasses);
        }
        for (int i = 0; i < 8; i++) {
            c = step(c, 0);
        }
        c ^= 1;
        StringBuilder out = new StringBuilder(descriptor).append('#');
        for (int i = 0; i < 8; i++) {
            out.append(CHECKSUM_CHARSET.charAt((int) ((c >> (5 * (7 - i))) & 31)));
        }
        return out.toString();
    }

    private static long step(long c, int value) {
        long top = c >> 35;
        c = ((c & 0x7ffffffffL) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if ((top >> i & 1) != 0) {
                c ^= GENERATOR[i];
            }
        }
        return c;
    }
}
