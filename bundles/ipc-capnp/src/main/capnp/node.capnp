# btcmp's Node interface: what a GUI needs from the node. Bitcoin Core v31.0 has no node.capnp, so
# the file id is btcmp's own (made with `capnp id`) and the ordinals follow the Java interface.

@0x832b9e4612182a6b;

using Proxy = import "/mp/proxy.capnp";
using Java = import "/mpgen/java.capnp";
using Common = import "common.capnp";
using Handler = import "handler.capnp";
using Wallet = import "wallet.capnp";

interface Node $Proxy.wrap("interfaces::Node") $Java.wraps("org.btcmp.interfaces.Node") {
    destroy @0 (context :Proxy.Context) -> ();
    getTip @1 (context :Proxy.Context) -> (result :Common.BlockRef);
    getHeaderTip @2 (context :Proxy.Context) -> (result :Common.BlockRef);
    getVerificationProgress @3 (context :Proxy.Context) -> (result :Float64);
    getMempoolSize @4 (context :Proxy.Context) -> (result :Int64);
    getMempoolBytes @5 (context :Proxy.Context) -> (result :Int64);
    getNetworkActive @6 (context :Proxy.Context) -> (result :Bool);
    setNetworkActive @7 (context :Proxy.Context, active :Bool) -> ();
    getNodeCount @8 (context :Proxy.Context) -> (result :Int32);
    getPeers @9 (context :Proxy.Context) -> (result :List(PeerStats));
    getTotalBytesRecv @10 (context :Proxy.Context) -> (result :Int64);
    getTotalBytesSent @11 (context :Proxy.Context) -> (result :Int64);
    handleNotifyNumConnectionsChanged @12 (context :Proxy.Context, callback :NotifyNumConnectionsChangedCallback)
        -> (result :Handler.Handler);
    handleNotifyNetworkActiveChanged @13 (context :Proxy.Context, callback :NotifyNetworkActiveChangedCallback)
        -> (result :Handler.Handler);
    handleNotifyBlockTip @14 (context :Proxy.Context, callback :NotifyBlockTipCallback)
        -> (result :Handler.Handler);
    executeRpc @15 (context :Proxy.Context, command :Text, paramsJson :Text, uri :Text) -> (result :Text);
    # As Core's Node.executeRpc (the GUI's console): params and result are JSON text.
    walletLoader @16 (context :Proxy.Context) -> (result :Wallet.WalletLoader);
    # As Core's Node.walletLoader: the wallets of every wallet process behind this node.
}

interface NotifyNumConnectionsChangedCallback $Java.wraps("org.btcmp.interfaces.Node$NumConnectionsChanged") {
    destroy @0 (context :Proxy.Context) -> ();
    call @1 (context :Proxy.Context, newNumConnections :Int32) -> () $Java.name("numConnectionsChanged");
}

interface NotifyNetworkActiveChangedCallback $Java.wraps("org.btcmp.interfaces.Node$NetworkActiveChanged") {
    destroy @0 (context :Proxy.Context) -> ();
    call @1 (context :Proxy.Context, networkActive :Bool) -> () $Java.name("networkActiveChanged");
}

interface NotifyBlockTipCallback $Java.wraps("org.btcmp.interfaces.Node$BlockTipChanged") {
    destroy @0 (context :Proxy.Context) -> ();
    call @1 (context :Proxy.Context, tip :Common.BlockRef) -> () $Java.name("blockTipChanged");
}

struct PeerStats $Java.wraps("org.btcmp.interfaces.PeerInfo") {
    # One connected peer (a subset of Core's CNodeStats).
    id @0 :Int64;
    address @1 :Text;
    inbound @2 :Bool;
    connectionType @3 :Text;
    userAgent @4 :Text;
    version @5 :Int32;
    startingHeight @6 :Int32;
    bytesSent @7 :Int64;
    bytesReceived @8 :Int64;
    connectedSince @9 :Int64;
    pingMicros @10 :Int64;
}
