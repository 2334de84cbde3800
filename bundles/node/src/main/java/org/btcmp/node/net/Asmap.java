package org.btcmp.node.net;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An asmap (-asmap): Core's compressed map from IP prefixes to autonomous system numbers, a small program over
 * the 128 bits of an address (IPv4 as ::ffff:a.b.c.d) read most significant bit first. The file is a bit stream,
 * each byte least significant bit first; instructions are RETURN asn, JUMP offset (on a 1 bit, skip offset bits
 * of program), MATCH bits (else answer the default) and DEFAULT asn, their operands in Core's variable-length
 * encoding. A file is accepted only when Core's sanity check passes, so a lookup always ends in a RETURN.
 */
final class Asmap {
    private static final int RETURN = 0;
    private static final int JUMP = 1;
    private static final int MATCH = 2;
    private static final int DEFAULT = 3;
    private static final long INVALID = 0xFFFFFFFFL;
    private static final int[] TYPE_BITS = {0, 0, 1};
    private static final int[] ASN_BITS = {15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
    private static final int[] MATCH_BITS = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final int[] JUMP_BITS = {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        24, 25, 26, 27, 28, 29, 30};
    private static final byte[] IPV4_IN_IPV6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    static final int ADDRESS_BITS = 128;

    private final byte[] program;
    private final int size;

    private Asmap(byte[] program) {
        this.program = program.clone();
        this.size = program.length * 8;
    }

    /** The map in a file's bytes; IllegalArgumentException when Core's sanity check refuses it. */
    static Asmap decode(byte[] data) {
        Asmap m = new Asmap(data);
        String problem = m.sanityProblem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return m;
    }

    private boolean bit(int pos) {
        return ((program[pos >> 3] >> (pos & 7)) & 1) != 0;
    }

    /** A cursor over the program bits. */
    private final class Reader {
        int pos;

        Reader(int pos) {
            this.pos = pos;
        }

        boolean atEnd() {
            return pos >= size;
        }

        /**
         * Core's DecodeBits: for each size but the last a flag bit says "larger" (add 2^size, go on) or "here"
         * (a mantissa of that many bits follows, most significant first); the last size has no flag.
         */
        long number(long minimum, int[] sizes) {
            long value = minimum;
            for (int i = 0; i < sizes.length; i++) {
                boolean larger = false;
                if (i + 1 < sizes.length) {
                    if (atEnd()) {
                        return INVALID;
                    }
                    larger = bit(pos++);
                }
                if (larger) {
                    value += 1L << sizes[i];
                } else {
                    for (int b = 0; b < sizes[i]; b++) {
                        if (atEnd()) {
                            return INVALID;
                        }
                        if (bit(pos++)) {
                            value += 1L << (sizes[i] - 1 - b);
                        }
                    }
                    return value;
                }
            }
            return INVALID;
        }
    }

    private static boolean addressBit(byte[] address, int i) {
        return ((address[i >> 3] >> (7 - (i & 7))) & 1) != 0;
    }

    /** The 128 bits Core looks up: IPv6 as is, IPv4 behind the ::ffff: prefix. */
    private static byte[] lookupBits(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (ip instanceof Inet4Address) {
            byte[] out = new byte[16];
            System.arraycopy(IPV4_IN_IPV6, 0, out, 0, 12);
            System.arraycopy(b, 0, out, 12, 4);
            return out;
        }
        return b;
    }

    /** Core's GetMappedAS: the AS of a routable IPv4 or IPv6 address, 0 for others or when unmapped. */
    long lookup(InetAddress ip) {
        if (!Inet.isRoutable(ip)) {
            return 0;
        }
        byte[] address = lookupBits(ip);
        Reader r = new Reader(0);
        int used = 0;
        long defaultAsn = 0;
        while (!r.atEnd()) {
            long op = r.number(0, TYPE_BITS);
            if (op == RETURN) {
                return r.number(1, ASN_BITS);
            } else if (op == JUMP) {
                long jump = r.number(17, JUMP_BITS);
                if (addressBit(address, used++)) {
                    r.pos += (int) jump;
                }
            } else if (op == MATCH) {
                long match = r.number(2, MATCH_BITS);
                int length = 63 - Long.numberOfLeadingZeros(match);
                for (int i = 0; i < length; i++) {
                    boolean expected = ((match >> (length - 1 - i)) & 1) != 0;
                    if (addressBit(address, used++) != expected) {
                        return defaultAsn;
                    }
                }
            } else if (op == DEFAULT) {
                defaultAsn = r.number(1, ASN_BITS);
            } else {
                break;
            }
        }
        throw new IllegalStateException("the sanity check lets no program run off its end");
    }

    /**
     * Core's SanityCheckASMap for 128 input bits, as a reason or null: every path ends in a RETURN, jumps stay
     * inside the program and do not cross, no instruction is cut off or unreachable, no input bit is read past
     * the 128th, no redundant DEFAULT, and at most 7 zero bits of padding follow the last RETURN.
     */
    private String sanityProblem() {
        Reader r = new Reader(0);
        int bits = ADDRESS_BITS;
        // Pending jump targets with the input bits left there, innermost last.
        java.util.ArrayDeque<long[]> jumps = new java.util.ArrayDeque<>();
        int previous = JUMP;
        boolean incompleteMatch = false;
        while (!r.atEnd()) {
            if (!jumps.isEmpty() && r.pos >= jumps.peekLast()[0]) {
                return "a jump into the middle of an instruction";
            }
            long op = r.number(0, TYPE_BITS);
            if (op == RETURN) {
                if (previous == DEFAULT) {
                    return "RETURN right after DEFAULT";
                }
                if (r.number(1, ASN_BITS) == INVALID) {
                    return "an AS number cut off by the end of the file";
                }
                if (jumps.isEmpty()) {
                    if (size - r.pos > 7) {
                        return "more than 7 bits of padding";
                    }
                    while (!r.atEnd()) {
                        if (bit(r.pos++)) {
                            return "a padding bit that is not zero";
                        }
                    }
                    return null;
                }
                long[] target = jumps.removeLast();
                if (r.pos != target[0]) {
                    return "unreachable code";
                }
                bits = (int) target[1];
                previous = JUMP;
            } else if (op == JUMP) {
                long jump = r.number(17, JUMP_BITS);
                if (jump == INVALID) {
                    return "a jump offset cut off by the end of the file";
                }
                if (jump > size - r.pos) {
                    return "a jump past the end";
                }
                if (bits == 0) {
                    return "a jump reading past the 128th address bit";
                }
                bits--;
                long target = r.pos + jump;
                if (!jumps.isEmpty() && target >= jumps.peekLast()[0]) {
                    return "intersecting jumps";
                }
                jumps.addLast(new long[] {target, bits});
                previous = JUMP;
            } else if (op == MATCH) {
                long match = r.number(2, MATCH_BITS);
                if (match == INVALID) {
                    return "a match cut off by the end of the file";
                }
                int length = 63 - Long.numberOfLeadingZeros(match);
                if (previous != MATCH) {
                    incompleteMatch = false;
                }
                if (length < 8 && incompleteMatch) {
                    return "two short matches in one sequence";
                }
                incompleteMatch = length < 8;
                if (bits < length) {
                    return "a match reading past the 128th address bit";
                }
                bits -= length;
                previous = MATCH;
            } else if (op == DEFAULT) {
                if (previous == DEFAULT) {
                    return "two DEFAULTs in a row";
                }
                if (r.number(1, ASN_BITS) == INVALID) {
                    return "an AS number cut off by the end of the file";
                }
                previous = DEFAULT;
            } else {
                return "an instruction cut off by the end of the file";
            }
        }
        return "the end of the file without a RETURN";
    }
}
