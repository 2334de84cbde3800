package org.btcmp.ipc;

/**
 * An exception the remote implementation threw whose type this process does not re-create: the peer
 * named a class outside the allow-list (java.lang and java.util runtime exceptions, the interfaces'
 * own exception types), which is never loaded from a peer's say-so. Carries the remote type name
 * and message.
 */
public class RemoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String remoteType;
    private final String remoteMessage;

    public RemoteException(String remoteType, String remoteMessage) {
        super(remoteType + (remoteMessage == null ? "" : ": " + remoteMessage));
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
    }

    /** The exception's class name as the peer reported it. */
    public String remoteType() {
        return remoteType;
    }

    /** The exception's message as the peer reported it; null if it had none. */
    public String remoteMessage() {
        return remoteMessage;
    }
}
