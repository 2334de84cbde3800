/**
 * bitcoin-wallet: reaches the node only through the interfaces and whichever IPC transport is
 * registered, and keeps its state while transports come and go.
 */
module org.btcmp.wallet {
    requires transitive org.btcmp.ipc;
    requires org.btcmp.primitives;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires static osgi.annotation;
    requires static osgi.core;
    requires static org.osgi.service.component.annotations;

    exports org.btcmp.wallet;
}
