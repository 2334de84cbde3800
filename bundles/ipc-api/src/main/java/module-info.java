/**
 * The protocol-agnostic IPC contract (Bitcoin Core's src/ipc): transports serve and connect
 * {@code Init} objects; socket transports also spawn children on an inherited socket.
 */
module org.btcmp.ipc {
    requires transitive org.btcmp.interfaces;
    requires static osgi.annotation;

    exports org.btcmp.ipc;
}
