package org.btcmp.mpgen.compile;

/**
 * Free space left by alignment padding: at most one hole of each size from 1 to 32 bits, stored as
 * the hole's offset in multiples of its size (0 = no hole; offset 0 is always taken first).
 */
final class HoleSet {
    static final int SIZES = 6;
    final int[] holes = new int[SIZES];

    /** Offset (in units of 2^lgSize bits) of a hole that now holds the field, or -1. */
    int tryAllocate(int lgSize) {
        if (lgSize >= SIZES) {
            return -1;
        }
        if (holes[lgSize] != 0) {
            int result = holes[lgSize];
            holes[lgSize] = 0;
            return result;
        }
        int next = tryAllocate(lgSize + 1);
        if (next < 0) {
            return -1;
        }
        int result = next * 2;
        holes[lgSize] = result + 1;
        return result;
    }

    /** After placing a 2^lgSize field at the start of a fresh 2^limit space, record the rest as holes. */
    void addHolesAtEnd(int lgSize, int offset, int limitLgSize) {
        while (lgSize < limitLgSize) {
            holes[lgSize] = offset;
            ++lgSize;
            offset = (offset + 1) / 2;
        }
    }

    void addHolesAtEnd(int lgSize, int offset) {
        addHolesAtEnd(lgSize, offset, SIZES);
    }

    /** Grows the value at oldOffset by 2^expansionFactor by swallowing the holes right after it. */
    boolean tryExpand(int oldLgSize, int oldOffset, int expansionFactor) {
        if (expansionFactor == 0) {
            return true;
        }
        if (oldLgSize == SIZES) {
            return false;
        }
        if (holes[oldLgSize] != oldOffset + 1) {
            return false;
        }
        if (tryExpand(oldLgSize + 1, oldOffset >> 1, expansionFactor - 1)) {
            holes[oldLgSize] = 0;
            return true;
        }
        return false;
    }

    /** lg size of the smallest hole at least 2^lgSize bits, or -1. */
    int smallestAtLeast(int lgSize) {
        for (int i = lgSize; i < SIZES; i++) {
            if (holes[i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
