/**
 * What every btcmp executable shares, as Bitcoin Core's src/common: Core-style options and
 * {@code bitcoin.conf} (its ArgsManager), chains and data directories.
 */
module org.btcmp.common {
    requires static osgi.annotation;

    exports org.btcmp.common;
    exports org.btcmp.common.args;
    exports org.btcmp.common.init;
    exports org.btcmp.common.json;
}
