package org.btcmp.primitives.script;

/** A script failed; {@link #error()} is Core's ScriptError name in lower case (e.g. "eval_false"). */
public final class ScriptException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String error;

    public ScriptException(String error, String detail) {
        super(error + (detail.isEmpty() ? "" : ": " + detail));
        this.error = error;
    }

    public String error() {
        return error;
    }
}
