package org.btcmp.mpgen.java;

/** Builds Java source text line by line at an indentation level. */
final class SourceWriter {
    private final StringBuilder sb = new StringBuilder();
    private int depth;

    void indent() {
        depth++;
    }

    void outdent() {
        depth--;
    }

    void line(String text) {
        if (!text.isEmpty()) {
            sb.append("    ".repeat(depth)).append(text.stripTrailing());
        }
        sb.append('\n');
    }

    void raw(String text) {
        sb.append(text);
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
