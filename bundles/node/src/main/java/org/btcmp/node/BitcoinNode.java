package org.btcmp.node;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.btcmp.common.DataDirLock;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.FeeEstimatesFile;
import org.btcmp.node.chain.FeeEstimatesFlusher;
import org.btcmp.node.chain.Mempool;
import org.btcmp.node.chain.Miner;
import org.btcmp.node.iface.NodeWallets;
import org.btcmp.node.net.CompactBlocks;
import org.btcmp.node.net.LocalNode;
import org.btcmp.node.net.P2pNetwork;
import org.btcmp.node.net.P2pNode;
import org.btcmp.node.net.P2pSettings;
import org.btcmp.node.net.PeerTimeouts;
import org.btcmp.node.net.TxRelay;
import org.btcmp.node.rpc.HttpRpcServer;
import org.btcmp.node.rpc.JsonRpcDispatcher;
import org.btcmp.node.rpc.LogCategories;
import org.btcmp.node.rpc.NetRpc;
import org.btcmp.node.rpc.NodeContext;
import org.btcmp.node.rpc.RpcAuth;
import org.btcmp.node.rpc.RpcMethods;
import org.btcmp.node.rpc.RpcTable;

/**
 * A running node in this process: chain state, mempool, miner and the JSON-RPC server. Tests
 * create one directly; the launcher's component does the same inside Felix.
 */
public final class BitcoinNode implements AutoCloseable {
    private final NodeConfig config;
    private final AtomicLong mockTime = new AtomicLong();
    private final RpcTable table = new RpcTable();
    private final NodeWallets wallets = new NodeWallets();
    private final RpcAuth auth = new RpcAuth();
    private final LogCategories logCategories = new LogCategories();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final DataDirLock lock;
    private final DebugLog log;
    private final HttpRpcServer http;
    private final JsonRpcDispatcher dispatcher;
    private volatile String warmup = "Loading block index…";
    private ChainState chain;
    private Mempool mempool;
    private FeeEstimatesFlusher feeFlusher;
    private Miner miner;
    private P2pNode p2p;

    /**
     * Starts as Core does: the RPC server and cookie first (calls get -28 while warming up), then the
     * chain; the constructor returns once the node serves every command.
     */
    private BitcoinNode(NodeConfig config, P2pSettings p2pSettings) throws IOException {
        this.config = config;
        Path net = config.networkDir();
        Files.createDirectories(net);
        // Before anything is written: a second node on this datadir is refused with Core's message.
        lock = DataDirLock.acquire(net);
        try {
            Files.createDirectories(net.resolve("wallets"));
            Files.createDirectories(net.resolve("indexes"));
            log = new DebugLog(net.resolve("debug.log"), config.printToConsole());
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        log.log("btcmp node starting, network " + config.network().chainName() + ", datadir " + config.dataDir());
        config.warnings().forEach(w -> log.log("Warning: " + w));
        for (String category : config.debugCategories()) {
            // -debug=<category>; the logging RPC changes them later. A category this node never logs stays off.
            if (LogCategories.NAMES.contains(category)) {
                logCategories.set(category, true);
            }
        }
        if (config.rpcUser() != null && config.rpcPassword() != null) {
            auth.allow(config.rpcUser(), config.rpcPassword());
        }
        dispatcher = new JsonRpcDispatcher(table, () -> warmup);
        // The cookie before the port, as Core: a client that finds the server up also finds the cookie.
        if (config.cookieFile() != null) {
            auth.writeCookie(config.cookieFile());
        }
        try {
            http = new HttpRpcServer(InetAddress.getByName(config.rpcBind()), config.effectiveRpcPort(), auth,
                    dispatcher, config.rpcServerTimeoutSeconds());
        } catch (IOException e) {
            log.log("Error: Unable to bind RPC on " + config.rpcBind() + ":" + config.effectiveRpcPort());
            auth.deleteCookie();
            log.close();
            lock.close();
            throw new IOException("Unable to bind RPC on " + config.rpcBind() + ":" + config.effectiveRpcPort()
                    + ": " + e.getMessage(), e);
        }
        log.log("Binding RPC on address " + config.rpcBind() + " port " + http.port());
        for (String address : config.ipcBind()) {
            // NodeIpcServer listens there once a transport that speaks unix: is installed.
            log.log("IPC: serving the node's Init at -ipcbind=" + address);
        }
        try {
            chain = new ChainState(org.btcmp.primitives.ChainParams.of(config.network()), net, this::now,
                    config.options().dbCacheMiB() << 20, config.options().txIndex());
        } catch (IOException | RuntimeException e) {
            log.log("Error opening the chain: " + e.getMessage());
            http.close();
            auth.deleteCookie();
            log.close();
            lock.close();
            throw e;
        }
        NodeOptions options = config.options();
        mempool = new Mempool(chain, options.maxMempoolMB() * 1_000_000, options.mempoolExpiryHours() * 3600,
                options.persistMempoolV1(), (int) options.clusterCount(), options.clusterSizeKvB());
        miner = new Miner(chain, mempool);
        chain.addListener(new org.btcmp.node.chain.ChainListener() {
            @Override
            public void blockConnected(org.btcmp.primitives.Block block, org.btcmp.node.chain.BlockIndex index) {
                log.log("UpdateTip: new best=" + index.hash() + " height=" + index.height() + " tx="
                        + block.transactions().size());
            }

            @Override
            public void blockDisconnected(org.btcmp.primitives.Block block, org.btcmp.node.chain.BlockIndex index) {
                log.log("DisconnectTip: " + index.hash() + " height=" + index.height());
            }
        });
        mempool.onAdded(tx -> debug("mempool", "AcceptToMemoryPool: accepted " + tx.txid() + " (wtxid="
                + tx.wtxid() + ") (poolsz " + mempool.size() + " txn, " + mempool.usage() / 1000 + " kB)"));
        NodeContext ctx = new NodeContext(chain, mempool, miner, mockTime, System.currentTimeMillis() / 1000,
                this::requestStop, net, logCategories);
        RpcMethods.registerAll(table, ctx);
        log.log("Loaded best chain: hashBestChain=" + chain.tip().hash() + " height=" + chain.height());
        // Before mempool.dat: its transactions are tracked when they enter at the estimator's best height.
        FeeEstimatesFile.load(mempool.feeEstimator(), feeEstimatesFile(), System.currentTimeMillis(),
                options.acceptStaleFeeEstimates()).forEach(log::log);
        feeFlusher = new FeeEstimatesFlusher(mempool.feeEstimator(), feeEstimatesFile(), FeeEstimatesFlusher.INTERVAL,
                log::log);
        if (options.persistMempool()) {
            log.log(mempool.load(ctx.mempoolFile()));
        } else {
            mempool.skipLoad();
        }
        try {
            LocalNode local = LocalNode.defaults(P2pNetwork.ofChainName(config.network().chainName()), chain::height)
                    .withMinFeeFilter(Mempool.MIN_RELAY_FEE_PER_KVB);
            p2p = new P2pNode(local, p2pSettings, PeerTimeouts.CORE, chain, net, this::now);
            p2p.addListener(new TxRelay(mempool, TxRelay.Trickle.CORE));
            p2p.addListener(new CompactBlocks(chain, mempool, p2p.blockSync()));
            NetRpc.register(table, p2p, this::now);
            p2p.start();
        } catch (IOException | RuntimeException e) {
            log.log("Error: " + e.getMessage());
            close();
            throw e;
        }
        for (java.net.InetSocketAddress a : p2p.listening()) {
            log.log("Bound to " + P2pNode.hostPort(a));
        }
        warmup = null;
    }

    /**
     * Opens the chain and starts serving RPC without P2P listening or outbound connections (peers only through
     * the addnode RPC); the cookie exists when this returns.
     */
    public static BitcoinNode start(NodeConfig config) throws IOException {
        return start(config, P2pSettings.quiet(P2pNetwork.ofChainName(config.network().chainName())));
    }

    /** As {@link #start(NodeConfig)}, with the P2P side as the options say. */
    public static BitcoinNode start(NodeConfig config, P2pSettings p2p) throws IOException {
        return new BitcoinNode(config, p2p);
    }

    /** A debug line, written only while its category is on (as Core's LogDebug), prefixed with it. */
    public void debug(String category, String message) {
        if (logCategories.isEnabled(category)) {
            log.log("[" + category + "] " + message);
        }
    }

    /** Seconds since the epoch, or the mock time set by setmocktime. */
    public long now() {
        long m = mockTime.get();
        return m != 0 ? m : System.currentTimeMillis() / 1000;
    }

    public ChainState chain() {
        return chain;
    }

    public Mempool mempool() {
        return mempool;
    }

    public Miner miner() {
        return miner;
    }

    /** The P2P side: peers, bans, addresses, network activity. */
    public P2pNode p2p() {
        return p2p;
    }

    /**
     * Runs a JSON-RPC request body for {@code uri} as the HTTP server would (warm-up error -28 included)
     * and returns the reply body: the entry point of JSON-RPC over IPC.
     */
    public String executeRpc(String request, String uri) {
        String body = dispatcher.handle(request, uri).body();
        return body == null ? "" : body; // a JSON-RPC 2.0 notification has no reply
    }

    public RpcTable rpcTable() {
        return table;
    }

    /** The loaders of the wallet processes serving this node, as one (what Node.walletLoader gives). */
    public NodeWallets wallets() {
        return wallets;
    }

    public int rpcPort() {
        return http.port();
    }

    public NodeConfig config() {
        return config;
    }

    /** The stop RPC: replies first, then shuts down on another thread. */
    private void requestStop() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(200);
                close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                log.log("Error during shutdown: " + e.getMessage());
            }
        }, "shutoff");
        t.start();
    }

    /** Core's shutdown DumpMempool, when -persistmempool and the startup load finished. */
    private void saveMempool() {
        if (mempool != null && config.options().persistMempool() && mempool.isLoaded()) {
            Path file = config.networkDir().resolve("mempool.dat");
            try {
                mempool.save(file);
                log.log("Dumped mempool: " + mempool.size() + " transactions to " + file);
            } catch (IOException e) {
                log.log("Failed to dump mempool: " + e.getMessage() + ". Continuing anyway.");
            }
        }
    }

    /** Core's FeeestPath: {@code <netdir>/fee_estimates.dat}. */
    private Path feeEstimatesFile() {
        return config.networkDir().resolve("fee_estimates.dat");
    }

    /** Blocks until the node has shut down (by close or the stop RPC). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() throws IOException {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        log.log("Shutdown: In progress...");
        try {
            if (p2p != null) {
                p2p.close();
            }
        } catch (IOException | RuntimeException e) {
            log.log("Error closing P2P: " + e.getMessage());
        }
        try {
            http.close();
            // Before the cookie goes: its removal tells scripts the node has stopped writing its files.
            saveMempool();
            if (feeFlusher != null) {
                feeFlusher.close();
            }
            if (mempool != null) {
                log.log(FeeEstimatesFile.flush(mempool.feeEstimator(), feeEstimatesFile()));
            }
            auth.deleteCookie();
        } finally {
            try {
                chain.close();
            } finally {
                log.log("Shutdown: done");
                log.close();
                lock.close();
                stopped.countDown();
            }
        }
    }
}
