package org.btcmp.mpgen.compile;

import java.util.List;

/** Finds the first difference between two canonical wire trees and names where it is. */
final class WireDiff {
    private WireDiff() {
    }

    /** Null if equal, else "path: expected X but was Y". */
    static String first(String path, Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual ? null : path + ": expected " + expected + " but was " + actual;
        }
        if (expected instanceof WireDecoder.Struct e && actual instanceof WireDecoder.Struct a) {
            int words = Math.max(e.data().length, a.data().length);
            for (int i = 0; i < words; i++) {
                if (e.word(i) != a.word(i)) {
                    return path + ".data[" + i + "]: expected 0x" + Long.toHexString(e.word(i)) + " but was 0x"
                            + Long.toHexString(a.word(i));
                }
            }
            int pointers = Math.max(e.pointers().length, a.pointers().length);
            for (int i = 0; i < pointers; i++) {
                String d = first(path + ".ptr[" + i + "]", e.pointer(i), a.pointer(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected instanceof WireDecoder.WireList e && actual instanceof WireDecoder.WireList a) {
            if (e.elementSize() != a.elementSize() || e.elements().size() != a.elements().size()) {
                return path + ": expected list(size " + e.elementSize() + " x" + e.elements().size()
                        + ") but was list(size " + a.elementSize() + " x" + a.elements().size() + ")";
            }
            List<Object> x = e.elements();
            List<Object> y = a.elements();
            for (int i = 0; i < x.size(); i++) {
                String d = first(path + "[" + i + "]", x.get(i), y.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : path + ": expected " + expected + " but was " + actual;
    }
}
