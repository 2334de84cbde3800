package org.btcmp.node.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes small asmap programs for tests, in the encoding Asmap reads (Core's asmap format): instructions as bit
 * lists, then packed into bytes least significant bit first with zero padding.
 */
final class AsmapEncoder {
    private static final int[] TYPE_BITS = {0, 0, 1};
    private static final int[] ASN_BITS = {15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
    private static final int[] MATCH_BITS = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final int[] JUMP_BITS = {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        24, 25, 26, 27, 28, 29, 30};

    private AsmapEncoder() {
    }

    /** The variable-length number: a "larger" flag per size but the last, then that size's mantissa. */
    static List<Boolean> number(long value, long minimum, int[] sizes) {
        List<Boolean> out = new ArrayList<>();
        long v = value - minimum;
        for (int i = 0; i < sizes.length; i++) {
            if (i + 1 < sizes.length) {
                if (v >= 1L << sizes[i]) {
                    out.add(true);
                    v -= 1L << sizes[i];
                    continue;
                }
                out.add(false);
            }
            for (int b = sizes[i] - 1; b >= 0; b--) {
                out.add(((v >> b) & 1) != 0);
            }
            return out;
        }
        throw new IllegalArgumentException(value + " is too large");
    }

    static List<Boolean> concat(List<List<Boolean>> parts) {
        List<Boolean> out = new ArrayList<>();
        parts.forEach(out::addAll);
        return out;
    }

    static List<Boolean> ret(long asn) {
        return concat(List.of(number(0, 0, TYPE_BITS), number(asn, 1, ASN_BITS)));
    }

    static List<Boolean> defaultAsn(long asn) {
        return concat(List.of(number(3, 0, TYPE_BITS), number(asn, 1, ASN_BITS)));
    }

    /** MATCH of the given address bits ("0101"), at most 8. */
    static List<Boolean> match(String bits) {
        long value = 1;
        for (char c : bits.toCharArray()) {
            value = value << 1 | (c == '1' ? 1 : 0);
        }
        return concat(List.of(number(2, 0, TYPE_BITS), number(value, 2, MATCH_BITS)));
    }

    /** JUMP: the next address bit 0 runs {@code zero}, 1 skips it and runs {@code one}. */
    static List<Boolean> jump(List<Boolean> zero, List<Boolean> one) {
        return concat(List.of(number(1, 0, TYPE_BITS), number(zero.size(), 17, JUMP_BITS), zero, one));
    }

    /** The ::ffff: prefix of IPv4 addresses, in 8-bit matches. */
    static List<Boolean> ipv4Prefix() {
        List<List<Boolean>> parts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            parts.add(match("00000000"));
        }
        parts.add(match("11111111"));
        parts.add(match("11111111"));
        return concat(parts);
    }

    static byte[] bytes(List<Boolean> bits) {
        byte[] out = new byte[(bits.size() + 7) / 8];
        for (int i = 0; i < bits.size(); i++) {
            if (bits.get(i)) {
                out[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        return out;
    }

    /** 1.0.0.0/8 is AS 65001, 2.0.0.0/8 is AS 65002, everything else unmapped. */
    static byte[] twoNetworks() {
        List<Boolean> one = concat(List.of(match("1"), ret(65001)));
        List<Boolean> two = concat(List.of(match("0"), ret(65002)));
        return bytes(concat(List.of(ipv4Prefix(), match("000000"), jump(one, two))));
    }
}
