# Bitcoin Core's Chain interface (src/ipc/capnp/chain.capnp, Core v31.0): same file id, and Core's
# names and ordinals for every Core method. Where btcmp's Java Chain carries a Core method's wire
# types (through an explicit converter: a block hash or txid as Core's 32 bytes, a fee rate as
# Core's CFeeRate), the Java method is that method. Where the Java signature differs from Core's,
# Core's ordinal is a placeholder () -> () (answered with an error) and btcmp's method follows
# Core's last ordinal; Core methods Java has no counterpart for are placeholders too, until the
# deployments issue completes this file.

@0x94f21a4864bd2c65;

using Proxy = import "/mp/proxy.capnp";
using Java = import "/mpgen/java.capnp";
using Handler = import "handler.capnp";
using Wallet = import "wallet.capnp";

interface Chain $Proxy.wrap("interfaces::Chain") $Java.wraps("org.btcmp.interfaces.Chain") {
    destroy @0 (context :Proxy.Context) -> ();
    getHeight @1 (context :Proxy.Context) -> (result :Int32, hasResult :Bool);
    getBlockHash @2 (context :Proxy.Context, height :Int32)
        -> (result :Data $Java.converter("org.btcmp.ipc.capnp.convert.BlockHashes"));
    haveBlockOnDisk @3 () -> ();
    findLocatorFork @4 () -> ();
    hasBlockFilterIndex @5 () -> ();
    blockFilterMatchesAny @6 () -> ();
    findBlock @7 () -> ();
    # Core's takes FoundBlockParam; btcmp's findBlockInfo @52 serves Java's findBlock.
    findFirstBlockWithTimeAndHeight @8 () -> ();
    findAncestorByHeight @9 () -> ();
    findAncestorByHash @10 () -> ();
    findCommonAncestor @11 () -> ();
    findCoins @12 () -> ();
    # Core's passes serialized outpoints and coins; btcmp's findCoinInfos @53 serves Java's findCoins.
    guessVerificationProgress @13 () -> ();
    hasBlocks @14 () -> ();
    isRBFOptIn @15 () -> ();
    isInMempool @16 (context :Proxy.Context,
        txid :Data $Java.converter("org.btcmp.ipc.capnp.convert.BlockHashes")) -> (result :Bool);
    hasDescendantsInMempool @17 () -> ();
    broadcastTransaction @18 () -> ();
    # Core's takes a broadcast method and returns the error beside a Bool; btcmp's broadcastTx @54.
    getTransactionAncestry @19 () -> ();
    calculateIndividualBumpFees @20 () -> ();
    calculateCombinedBumpFee @21 () -> ();
    getPackageLimits @22 () -> ();
    checkChainLimits @23 () -> ();
    estimateSmartFee @24 () -> ();
    # Core's returns the CFeeRate and a FeeCalculation out param; btcmp's estimateSmartFeeRate @56.
    estimateMaxBlocks @25 (context :Proxy.Context) -> (result :UInt32);
    mempoolMinFee @26 (context :Proxy.Context) -> (result :Data $Java.converter("org.btcmp.ipc.capnp.convert.FeeRates"));
    relayMinFee @27 (context :Proxy.Context)
        -> (result :Data $Java.converter("org.btcmp.ipc.capnp.convert.FeeRates"));
    relayIncrementalFee @28 (context :Proxy.Context) -> (result :Data $Java.converter("org.btcmp.ipc.capnp.convert.FeeRates"));
    relayDustFee @29 (context :Proxy.Context) -> (result :Data $Java.converter("org.btcmp.ipc.capnp.convert.FeeRates"));
    havePruned @30 () -> ();
    getPruneHeight @31 () -> ();
    isReadyToBroadcast @32 () -> ();
    isInitialBlockDownload @33 () -> ();
    shutdownRequested @34 () -> ();
    initMessage @35 () -> ();
    initWarning @36 () -> ();
    initError @37 () -> ();
    showProgress @38 () -> ();
    handleNotifications @39 (context :Proxy.Context, notifications :ChainNotifications)
        -> (result :Handler.Handler);
    waitForNotificationsIfTipChanged @40 (context :Proxy.Context,
        oldTip :Data $Java.converter("org.btcmp.ipc.capnp.convert.BlockHashes")) -> ();
    waitForNotifications @41 () -> ();
    handleRpc @42 () -> ();
    # Core's passes a CRPCCommand struct with an actor callback; btcmp's handleRpcCommand @55.
    rpcEnableDeprecated @43 () -> ();
    getSetting @44 () -> ();
    getSettingsList @45 () -> ();
    getRwSetting @46 () -> ();
    updateRwSetting @47 () -> ();
    overwriteRwSetting @48 () -> ();
    deleteRwSettings @49 () -> ();
    requestMempoolTransactions @50 () -> ();
    hasAssumedValidChain @51 () -> ();

    # btcmp's methods, after Core's.
    findBlockInfo @52 (context :Proxy.Context, hash :Text, withData :Bool)
        -> (result :BlockSummary, hasResult :Bool) $Java.name("findBlock");
    findCoinInfos @53 (context :Proxy.Context, outpoints :List(OutPoint))
        -> (result :List(CoinEntry)) $Java.name("findCoins");
    broadcastTx @54 (context :Proxy.Context, tx :Data, maxFeeRate :Int64)
        -> (result :BroadcastOutcome) $Java.name("broadcastTransaction");
    handleRpcCommand @55 (context :Proxy.Context, command :RpcCommand)
        -> (result :Handler.Handler) $Java.name("handleRpc");
    estimateSmartFeeRate @56 (context :Proxy.Context, numBlocks :Int32, conservative :Bool)
        -> (result :FeeEstimate) $Java.name("estimateSmartFee");
    registerWalletLoader @57 (context :Proxy.Context, loader :Wallet.WalletLoader) -> (result :Handler.Handler);
    # A wallet process that joined with -ipcconnect hands the node its loader (Core's wallet processes
    # are spawned by their node, which keeps their loader from makeWalletLoader).
}

interface ChainNotifications $Proxy.wrap("interfaces::Chain::Notifications")
        $Java.wraps("org.btcmp.interfaces.ChainNotifications") {
    destroy @0 (context :Proxy.Context) -> ();
    transactionAddedToMempool @1 (context :Proxy.Context, tx :Data) -> ();
    transactionRemovedFromMempool @2 () -> ();
    # Core's carries a removal reason; btcmp's txRemovedFromMempool @7.
    blockConnected @3 () -> ();
    # Core's carries a chainstate role and Core's BlockInfo; btcmp's blockAdded @8.
    blockDisconnected @4 () -> ();
    # Core's carries Core's BlockInfo; btcmp's blockRemoved @9.
    updatedBlockTip @5 () -> ();
    chainStateFlushed @6 () -> ();
    # Core's carries a role and a locator; btcmp's tipFlushed @10.

    # btcmp's methods, after Core's.
    txRemovedFromMempool @7 (context :Proxy.Context, tx :Data) -> () $Java.name("transactionRemovedFromMempool");
    blockAdded @8 (context :Proxy.Context, block :BlockSummary) -> () $Java.name("blockConnected");
    blockRemoved @9 (context :Proxy.Context, block :BlockSummary) -> () $Java.name("blockDisconnected");
    tipFlushed @10 (context :Proxy.Context, tipHash :Text) -> () $Java.name("chainStateFlushed");
}

interface RpcCommand $Java.wraps("org.btcmp.interfaces.RpcCommand") {
    # btcmp: an RPC command another process adds to the node's server (Core passes a CRPCCommand
    # struct instead; see Chain.handleRpc).
    destroy @0 (context :Proxy.Context) -> ();
    name @1 (context :Proxy.Context) -> (result :Text);
    category @2 (context :Proxy.Context) -> (result :Text);
    argNames @3 (context :Proxy.Context) -> (result :List(Text));
    call @4 (context :Proxy.Context, paramsJson :Text, uri :Text) -> (result :Text);
}

struct BlockSummary $Java.wraps("org.btcmp.interfaces.BlockInfo") {
    # btcmp's BlockInfo record (Core's BlockInfo struct describes block files instead).
    hash @0 :Text;
    height @1 :Int32;
    prevHash @2 :Text;
    time @3 :Int64;
    medianTimePast @4 :Int64;
    inActiveChain @5 :Bool;
    data @6 :Data;
}

struct FeeEstimate $Java.wraps("org.btcmp.interfaces.FeeEstimate") {
    # btcmp: the fee rate (sat/kvB, 0 without an estimate) and the target it answers for (Core's
    # FeeCalculation.returnedTarget).
    feeRate @0 :Int64;
    target @1 :Int32;
    reason @2 :Text;
    # Core's FeeCalculation.reason as StringForFeeReason spells it.
}

struct OutPoint $Java.wraps("org.btcmp.interfaces.OutPointRef") {
    txid @0 :Text;
    index @1 :Int32;
}

struct Coin $Java.wraps("org.btcmp.interfaces.CoinInfo") {
    value @0 :Int64;
    scriptPubKey @1 :Data;
    height @2 :Int32;
    coinbase @3 :Bool;
}

struct CoinEntry {
    # One entry of findCoins' map.
    key @0 :OutPoint;
    value @1 :Coin;
}

struct BroadcastOutcome $Java.wraps("org.btcmp.interfaces.BroadcastResult") {
    accepted @0 :Bool;
    error @1 :Text;
}
