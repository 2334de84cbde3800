# btcmp's wallet interfaces (Java: org.btcmp.interfaces.WalletLoader and Wallet), for a node or GUI
# reaching the wallets of a bitcoin-wallet process. Core v31.0 ships no wallet schema, so the file id,
# names and ordinals are btcmp's own; libmultiprocess conventions hold (Context first, destroy @0).

@0xfb70c949069a473b;

using Proxy = import "/mp/proxy.capnp";
using Java = import "/mpgen/java.capnp";
using Handler = import "handler.capnp";

interface WalletLoader $Proxy.wrap("interfaces::WalletLoader") $Java.wraps("org.btcmp.interfaces.WalletLoader") {
    destroy @0 (context :Proxy.Context) -> ();
    createWallet @1 (context :Proxy.Context, name :Text, passphrase :Text, flags :Int64) -> (result :Wallet);
    loadWallet @2 (context :Proxy.Context, name :Text) -> (result :Wallet);
    unloadWallet @3 (context :Proxy.Context, name :Text) -> ();
    listWallets @4 (context :Proxy.Context) -> (result :List(Text));
    listWalletDir @5 (context :Proxy.Context) -> (result :List(Text));
    getWalletDir @6 (context :Proxy.Context) -> (result :Text);
    isEncrypted @7 (context :Proxy.Context, name :Text) -> (result :Bool);
    getWallets @8 (context :Proxy.Context) -> (result :List(Wallet));
    handleLoadWallet @9 (context :Proxy.Context, listener :LoadWalletCallback) -> (result :Handler.Handler);
}

interface Wallet $Proxy.wrap("interfaces::Wallet") $Java.wraps("org.btcmp.interfaces.Wallet") {
    destroy @0 (context :Proxy.Context) -> ();
    getWalletName @1 (context :Proxy.Context) -> (result :Text);
    getBalances @2 (context :Proxy.Context) -> (result :WalletBalances);
    getNewAddress @3 (context :Proxy.Context, outputType :Text, label :Text) -> (result :Text);
    sendToAddress @4 (context :Proxy.Context, address :Text, amount :Int64, feeRate :Int64) -> (result :Text);
    handleBalanceChanged @5 (context :Proxy.Context, listener :BalanceChangedCallback) -> (result :Handler.Handler);
    getFeeRate @6 (context :Proxy.Context, confTarget :Int32) -> (result :Int64);
    # sat/kvB for a send aiming at confTarget blocks (the GUI's fee choice).
    estimateSendFee @7 (context :Proxy.Context, address :Text, amount :Int64, feeRate :Int64) -> (result :Int64);
    # The fee sendToAddress would pay now, in satoshis; nothing is signed or sent (the GUI's fee preview).
    handleUnload @8 (context :Proxy.Context, listener :UnloadCallback) -> (result :Handler.Handler);
}

interface LoadWalletCallback $Java.wraps("org.btcmp.interfaces.WalletLoader$LoadWalletListener") {
    # Called with each wallet loaded or created.
    destroy @0 (context :Proxy.Context) -> ();
    walletLoaded @1 (context :Proxy.Context, wallet :Wallet) -> ();
}

interface UnloadCallback $Java.wraps("org.btcmp.interfaces.Wallet$UnloadListener") {
    # Called once when the wallet is unloaded by request (Core's UnloadFn).
    destroy @0 (context :Proxy.Context) -> ();
    walletUnloaded @1 (context :Proxy.Context) -> ();
}

interface BalanceChangedCallback $Java.wraps("org.btcmp.interfaces.Wallet$BalanceChangedListener") {
    # Called after every change the wallet records.
    destroy @0 (context :Proxy.Context) -> ();
    balanceChanged @1 (context :Proxy.Context) -> ();
}

struct WalletBalances $Java.wraps("org.btcmp.interfaces.WalletBalances") {
    # Satoshis, as Core's getbalances "mine".
    trusted @0 :Int64;
    untrustedPending @1 :Int64;
    immature @2 :Int64;
}
