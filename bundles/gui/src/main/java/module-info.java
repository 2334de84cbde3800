/** bitcoin-gui: the desktop GUI over Node and Wallet (its screens come with the GUI issue). */
module org.btcmp.gui {
    requires org.btcmp.ipc;
    requires static osgi.annotation;
}
