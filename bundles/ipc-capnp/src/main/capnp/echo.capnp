# Bitcoin Core's Echo interface (src/ipc/capnp/echo.capnp in Core v31.0): same file id, names and
# ordinals, so a Core IPC client can call btcmp's node.

@0x888b4f7f51e691f7;

using Proxy = import "/mp/proxy.capnp";
using Java = import "/mpgen/java.capnp";

interface Echo $Proxy.wrap("interfaces::Echo") $Java.wraps("org.btcmp.interfaces.Echo") {
    destroy @0 (context :Proxy.Context) -> ();
    echo @1 (context :Proxy.Context, echo :Text) -> (result :Text);
}
