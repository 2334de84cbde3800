package org.btcmp.node.chain;

/**
 * A block or transaction broke a rule. {@link #reason()} is Core's reject reason (for example
 * "bad-txnmrklroot"), which RPC callers and tests see; the message adds detail.
 */
public final class ValidationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public ValidationException(String reason, String detail) {
        super(detail == null || detail.isEmpty() ? reason : reason + ", " + detail);
        this.reason = reason;
    }

    public ValidationException(String reason) {
        this(reason, "");
    }

    public String reason() {
        return reason;
    }
}
