/**
 * bitcoin-node: owns the chain and serves {@code Init} to wallets and GUIs on every transport
 * installed beside it.
 */
module org.btcmp.node {
    requires org.btcmp.interfaces;
    requires org.btcmp.primitives;
    requires org.btcmp.ipc;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
}
