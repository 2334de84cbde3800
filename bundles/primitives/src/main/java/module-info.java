/** Bitcoin data structures, codecs, keys and scripts shared by node and wallet. */
module org.btcmp.primitives {
    requires transitive org.btcmp.common;
    requires static osgi.annotation;

    exports org.btcmp.primitives;
    exports org.btcmp.primitives.crypto;
    exports org.btcmp.primitives.script;
}
