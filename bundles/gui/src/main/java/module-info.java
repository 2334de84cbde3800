/**
 * bitcoin-gui: the desktop GUI over {@code Node}, {@code WalletLoader} and {@code Wallet}; whether those
 * live in this process or behind a socket is the transport's business, never the GUI's.
 */
module org.btcmp.gui {
    requires transitive org.btcmp.interfaces;
    requires transitive java.desktop;
    requires org.btcmp.common;
    requires org.btcmp.ipc;
    requires com.formdev.flatlaf;
    requires com.google.zxing;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports org.btcmp.gui;
}
