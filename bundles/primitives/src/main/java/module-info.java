/** Bitcoin data structures and codecs shared by node and wallet (filled by the node core issue). */
module org.btcmp.primitives {
    requires static osgi.annotation;
}
