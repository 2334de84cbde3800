# Bitcoin Core's Handler interface (src/ipc/capnp/handler.capnp): same file id, names and ordinals.

@0xebd8f46e2f369076;

using Proxy = import "/mp/proxy.capnp";
using Java = import "/mpgen/java.capnp";

interface Handler $Proxy.wrap("interfaces::Handler") $Java.wraps("org.btcmp.interfaces.Handler") {
    destroy @0 (context :Proxy.Context) -> ();
    disconnect @1 (context :Proxy.Context) -> ();
}
