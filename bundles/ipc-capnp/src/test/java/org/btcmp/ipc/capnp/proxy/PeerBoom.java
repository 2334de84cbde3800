package org.btcmp.ipc.capnp.proxy;

/**
 * An exception type outside the allow-list: the peer throws it, the caller must see a RemoteException
 * naming it and never create one (its initializer marks the JVM that ran it).
 */
public final class PeerBoom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static {
        System.setProperty("peerboom.initialized", "true");
    }

    public PeerBoom(String message) {
        super(message);
    }
}
