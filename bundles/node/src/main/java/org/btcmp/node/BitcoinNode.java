package org.btcmp.node;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.btcmp.node.chain.ChainState;
import org.btcmp.node.chain.Mempool;
import org.btcmp.node.chain.Miner;
import org.btcmp.node.rpc.HttpRpcServer;
import org.btcmp.node.rpc.JsonRpcDispatcher;
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
    private final RpcAuth auth = new RpcAuth();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ChainState chain;
    private final Mempool mempool;
    private final Miner miner;
    private final HttpRpcServer http;

    private BitcoinNode(NodeConfig config) throws IOException {
        this.config = config;
        Path net = config.networkDir();
        Files.createDirectories(net);
        Files.createDirectories(net.resolve("wallets"));
        Files.createDirectories(net.resolve("indexes"));
        chain = new ChainState(config.network().params(), net, this::now);
        mempool = new Mempool(chain);
        miner = new Miner(chain, mempool);
        NodeContext ctx = new NodeContext(chain, mempool, miner, mockTime, System.currentTimeMillis() / 1000,
                this::requestStop);
        RpcMethods.registerAll(table, ctx);
        if (config.rpcUser() != null && config.rpcPassword() != null) {
            auth.allow(config.rpcUser(), config.rpcPassword());
        }
        JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(table, () -> null);
        try {
            http = new HttpRpcServer(InetAddress.getByName(config.rpcBind()), config.effectiveRpcPort(), auth,
                    dispatcher, config.rpcServerTimeoutSeconds());
        } catch (IOException e) {
            chain.close();
            throw new IOException("Unable to bind RPC on " + config.rpcBind() + ":" + config.effectiveRpcPort()
                    + ": " + e.getMessage(), e);
        }
        auth.writeCookie(net.resolve(".cookie"));
    }

    /** Opens the chain and starts serving RPC; the cookie exists when this returns. */
    public static BitcoinNode start(NodeConfig config) throws IOException {
        return new BitcoinNode(config);
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

    public RpcTable rpcTable() {
        return table;
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
                System.getLogger(BitcoinNode.class.getName()).log(System.Logger.Level.ERROR, "shutdown failed", e);
            }
        }, "shutoff");
        t.start();
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
        try {
            http.close();
            auth.deleteCookie();
        } finally {
            try {
                chain.close();
            } finally {
                stopped.countDown();
            }
        }
    }
}
