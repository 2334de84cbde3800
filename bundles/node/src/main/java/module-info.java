/**
 * bitcoin-node: owns the chain (block index, UTXO set, mempool, mining), serves JSON-RPC, and
 * serves {@code Init} to wallets and GUIs on every transport installed beside it.
 */
module org.btcmp.node {
    requires org.btcmp.interfaces;
    requires org.btcmp.common;
    requires org.btcmp.primitives;
    requires org.btcmp.ipc;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires static osgi.annotation;
    requires static osgi.core;
    requires static org.osgi.service.component.annotations;
}
