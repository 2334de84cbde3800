package org.btcmp.mpgen.parse;

/** One error: where (file, 1-based line and column) and what. */
public record Diagnostic(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": error: " + message;
    }
}
