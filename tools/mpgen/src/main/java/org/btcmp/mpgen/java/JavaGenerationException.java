package org.btcmp.mpgen.java;

/** A schema that cannot be turned into Java (e.g. no package annotation). */
public final class JavaGenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JavaGenerationException(String message) {
        super(message);
    }
}
