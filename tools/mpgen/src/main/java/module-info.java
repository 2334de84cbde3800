/** mpgen: reads .capnp schemas and generates Java readers, builders and IPC proxies. */
module org.btcmp.mpgen {
    requires org.capnproto;

    exports org.btcmp.mpgen;
}
