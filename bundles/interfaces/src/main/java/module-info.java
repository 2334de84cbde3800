/**
 * The interfaces that node, wallet and GUI call on each other. Plain Java: whether the object
 * behind one lives in this process or in another is decided by the transport, never here.
 */
module org.btcmp.interfaces {
    requires static osgi.annotation;

    exports org.btcmp.interfaces;
}
