# Bitcoin Core's Mining and BlockTemplate interfaces (src/ipc/capnp/mining.capnp in Core v31.0): same
# file id, constants, names, ordinals and structs. Where btcmp's Java interface carries a Core
# method's wire types, the Java method is that method. Where its signature differs from Core's,
# Core's ordinal is a placeholder () -> () (answered with an error) and btcmp's method follows
# Core's last ordinal; Core's structs are declared in full for clients compiled against Core.

@0xc77d03df6a41b505;

using Proxy = import "/mp/proxy.capnp";
using Java = import "/mpgen/java.capnp";
using Common = import "common.capnp";

const maxMoney :Int64 = 2100000000000000;
const maxDouble :Float64 = 1.7976931348623157e308;
const defaultBlockReservedWeight :UInt32 = 8000;
const defaultCoinbaseOutputMaxAdditionalSigops :UInt32 = 400;

interface Mining $Proxy.wrap("interfaces::Mining") $Java.wraps("org.btcmp.interfaces.Mining") {
    isTestChain @0 (context :Proxy.Context) -> (result :Bool);
    isInitialBlockDownload @1 (context :Proxy.Context) -> (result :Bool);
    getTip @2 (context :Proxy.Context) -> (result :Common.BlockRef, hasResult :Bool);
    waitTipChanged @3 (context :Proxy.Context,
        currentTip :Data $Java.converter("org.btcmp.ipc.capnp.convert.BlockHashes"),
        timeout :Float64 = .maxDouble) -> (result :Common.BlockRef);
    createNewBlock @4 () -> ();
    # Core's takes BlockCreateOptions and a cooldown flag; btcmp's createNewBlockFor @7 takes the
    # coinbase output script.
    checkBlock @5 () -> ();
    interrupt @6 () -> ();

    # btcmp's methods, after Core's.
    createNewBlockFor @7 (context :Proxy.Context, coinbaseScript :Data) -> (result :BlockTemplate)
        $Java.name("createNewBlock");
}

interface BlockTemplate $Proxy.wrap("interfaces::BlockTemplate") $Java.wraps("org.btcmp.interfaces.BlockTemplate") {
    destroy @0 (context :Proxy.Context) -> ();
    getBlockHeader @1 (context :Proxy.Context) -> (result :Data);
    getBlock @2 (context :Proxy.Context) -> (result :Data);
    getTxFees @3 () -> ();
    getTxSigops @4 () -> ();
    getCoinbaseTx @5 () -> ();
    # Core's returns the CoinbaseTx struct; btcmp's getCoinbaseTxBytes @10 the serialized transaction.
    getCoinbaseMerklePath @6 () -> ();
    submitSolution @7 () -> ();
    # Core's passes the header fields as UInt32; btcmp's submitSolutionTx @11.
    waitNext @8 () -> ();
    interruptWait @9 () -> ();

    # btcmp's methods, after Core's.
    getCoinbaseTxBytes @10 (context :Proxy.Context) -> (result :Data) $Java.name("getCoinbaseTx");
    submitSolutionTx @11 (context :Proxy.Context, version :Int32, timestamp :Int64, nonce :Int64, coinbaseTx :Data)
        -> (result :Bool) $Java.name("submitSolution");
}

struct BlockCreateOptions $Proxy.wrap("node::BlockCreateOptions") {
    useMempool @0 :Bool = true $Proxy.name("use_mempool");
    blockReservedWeight @1 :UInt64 = .defaultBlockReservedWeight $Proxy.name("block_reserved_weight");
    coinbaseOutputMaxAdditionalSigops @2 :UInt64 = .defaultCoinbaseOutputMaxAdditionalSigops
        $Proxy.name("coinbase_output_max_additional_sigops");
}

struct BlockWaitOptions $Proxy.wrap("node::BlockWaitOptions") {
    timeout @0 :Float64 = .maxDouble $Proxy.name("timeout");
    feeThreshold @1 :Int64 = .maxMoney $Proxy.name("fee_threshold");
}

struct BlockCheckOptions $Proxy.wrap("node::BlockCheckOptions") {
    checkMerkleRoot @0 :Bool = true $Proxy.name("check_merkle_root");
    checkPow @1 :Bool = true $Proxy.name("check_pow");
}

struct CoinbaseTx $Proxy.wrap("node::CoinbaseTx") {
    version @0 :UInt32 $Proxy.name("version");
    sequence @1 :UInt32 $Proxy.name("sequence");
    scriptSigPrefix @2 :Data $Proxy.name("script_sig_prefix");
    witness @3 :Data $Proxy.name("witness");
    blockRewardRemaining @4 :Int64 $Proxy.name("block_reward_remaining");
    requiredOutputs @5 :List(Data) $Proxy.name("required_outputs");
    lockTime @6 :UInt32 $Proxy.name("lock_time");
}
