/**
 * The Cap'n Proto transport over UNIX sockets. With tools/mpgen and the runtime wrapper, the only
 * module allowed to read org.capnproto.
 */
module org.btcmp.ipc.capnp {
    requires org.btcmp.ipc;
    requires org.capnproto;
    requires org.newsclub.net.unix;
    requires org.jnrproject.posix;
    requires org.jnrproject.constants;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
}
