# Bitcoin Core's Rpc interface (src/ipc/capnp/rpc.capnp in Core v31.0): same file id, names and
# ordinals. A JSON-RPC request travels as JSON text and its reply comes back the same way.

@0x9c3505dc45e146ac;

using Proxy = import "/mp/proxy.capnp";
using Java = import "/mpgen/java.capnp";

interface Rpc $Proxy.wrap("interfaces::Rpc") $Java.wraps("org.btcmp.interfaces.Rpc") {
    executeRpc @0 (context :Proxy.Context, request :Text, uri :Text, user :Text) -> (result :Text);
}
