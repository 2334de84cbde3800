package org.btcmp.wallet.descriptor;

/** A descriptor that cannot be parsed or used; the message says what and where, in Core's words where Core has them. */
public final class DescriptorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DescriptorException(String message) {
        super(message);
    }

    public DescriptorException(String message, Throwable cause) {
        super(message, cause);
    }
}
