# Bitcoin Core's Init interface (src/ipc/capnp/init.capnp in Core v31.0): same file id, names and
# ordinals; btcmp's additions continue after Core's. Methods whose interface has no schema yet are
# placeholders taking and returning nothing at their ordinal: the server answers them with an
# error naming what is missing (Cap'n Proto needs the ordinals to be consecutive).

@0xf2c5cfa319406aa6;

using Proxy = import "/mp/proxy.capnp";
using Echo = import "echo.capnp";
using Chain = import "chain.capnp";
using Mining = import "mining.capnp";
using Rpc = import "rpc.capnp";
using Node = import "node.capnp";
using Wallet = import "wallet.capnp";
using Java = import "/mpgen/java.capnp";

interface Init $Proxy.wrap("interfaces::Init") $Java.wraps("org.btcmp.interfaces.Init") {
    construct @0 (threadMap :Proxy.ThreadMap) -> (threadMap :Proxy.ThreadMap);
    makeEcho @1 (context :Proxy.Context) -> (result :Echo.Echo);

    makeMiningOld2 @2 () -> ();
    # Retired by Core; answered with Core's error telling the client to update.

    makeMining @3 (context :Proxy.Context) -> (result :Mining.Mining);
    makeRpc @4 (context :Proxy.Context) -> (result :Rpc.Rpc);

    makeChain @5 (context :Proxy.Context) -> (result :Chain.Chain);

    makeNode @6 (context :Proxy.Context) -> (result :Node.Node);
    # btcmp's, after Core's.

    makeWalletLoader @7 (context :Proxy.Context, chain :Chain.Chain) -> (result :Wallet.WalletLoader);
    # btcmp: a node hands its Chain to the wallet process it spawned and gets that process's wallets.
}
