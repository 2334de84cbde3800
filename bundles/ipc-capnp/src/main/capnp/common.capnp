# Bitcoin Core's shared structs (src/ipc/capnp/common.capnp in Core v31.0): same file id, names and
# field ordinals.

@0xcd2c6232cb484a28;

using Proxy = import "/mp/proxy.capnp";
using Java = import "/mpgen/java.capnp";

struct BlockRef $Proxy.wrap("interfaces::BlockRef") $Java.wraps("org.btcmp.interfaces.BlockRef") {
    hash @0 :Data $Java.converter("org.btcmp.ipc.capnp.convert.BlockHashes");
    height @1 :Int32;
}
