package org.btcmp.mpgen.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one schema file plus the errors reported against it. Positions are byte offsets
 * into the UTF-8 text, as the C++ compiler counts them; they become line:column only when reported.
 */
public final class SourceFile {
    private final String name;
    private final byte[] bytes;
    private final int[] lineStarts;
    private final List<Diagnostic> errors = new ArrayList<>();

    public SourceFile(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public SourceFile(String name, String text) {
        this(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public String name() {
        return name;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Records an error at the given byte offset. */
    public void error(int offset, String message) {
        int line = lineOf(offset);
        errors.add(new Diagnostic(name, line + 1, offset - lineStarts[line] + 1, message));
    }

    public List<Diagnostic> errors() {
        return errors;
    }

    public boolean hadErrors() {
        return !errors.isEmpty();
    }

    private int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
