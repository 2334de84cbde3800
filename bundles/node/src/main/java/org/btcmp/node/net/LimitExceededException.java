package org.btcmp.node.net;

/**
 * A well-formed payload carrying more entries than Core allows (inv, getdata, addr, headers). Core treats it
 * as misbehaviour: the peer is disconnected and, unless exempt, discouraged.
 */
public final class LimitExceededException extends MalformedMessageException {
    private static final long serialVersionUID = 1L;

    public LimitExceededException(String message) {
        super(message);
    }
}
