package org.btcmp.node.iface;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.PeerInfo;
import org.btcmp.interfaces.RpcCommand;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainListener;
import org.btcmp.node.net.ConnectionType;
import org.btcmp.node.net.Peer;
import org.btcmp.node.net.PeerVersion;
import org.btcmp.common.json.Json;
import org.btcmp.node.rpc.RpcException;
import org.btcmp.primitives.Block;

/** {@link Node} (what a GUI shows) over an in-process node. */
public final class NodeStatus implements Node {
    private final BitcoinNode node;
    private final List<BlockTipChanged> tipListeners = new CopyOnWriteArrayList<>();

    public NodeStatus(BitcoinNode node) {
        this.node = node;
        node.chain().addListener(new ChainListener() {
            @Override
            public void blockConnected(Block block, BlockIndex index) {
                BlockRef ref = Blocks.ref(index);
                tipListeners.forEach(l -> l.blockTipChanged(ref));
            }

            @Override
            public void blockDisconnected(Block block, BlockIndex index) {
                BlockRef ref = Blocks.ref(index.prev());
                tipListeners.forEach(l -> l.blockTipChanged(ref));
            }
        });
    }

    @Override
    public BlockRef getTip() {
        return Blocks.ref(node.chain().tip());
    }

    @Override
    public BlockRef getHeaderTip() {
        return getTip();
    }

    @Override
    public double getVerificationProgress() {
        return 1.0;
    }

    @Override
    public long getMempoolSize() {
        return node.mempool().size();
    }

    @Override
    public long getMempoolBytes() {
        return node.mempool().totalVsize();
    }

    @Override
    public boolean getNetworkActive() {
        return node.p2p().networkActive();
    }

    @Override
    public void setNetworkActive(boolean active) {
        node.p2p().setNetworkActive(active);
    }

    @Override
    public int getNodeCount() {
        return node.p2p().peers().size();
    }

    @Override
    public List<PeerInfo> getPeers() {
        List<PeerInfo> out = new ArrayList<>();
        for (Peer p : node.p2p().peers()) {
            PeerVersion v = p.version();
            Duration ping = p.lastPingTime();
            out.add(new PeerInfo(p.id(), node.p2p().addressName(p), p.type() == ConnectionType.INBOUND,
                    p.type().rpcName(), v == null ? "" : v.userAgent(), v == null ? 0 : v.version(), v == null ? -1 : v.startHeight(),
                    p.bytesSent(), p.bytesReceived(), p.connectedAtMillis() / 1000,
                    ping == null ? -1 : ping.toNanos() / 1000));
        }
        return out;
    }

    @Override
    public long getTotalBytesRecv() {
        return node.p2p().totalBytesReceived();
    }

    @Override
    public long getTotalBytesSent() {
        return node.p2p().totalBytesSent();
    }

    @Override
    public Handler handleNotifyNumConnectionsChanged(NumConnectionsChanged listener) {
        Runnable remove = node.p2p().onConnectionCountChanged(listener::numConnectionsChanged);
        return remove::run;
    }

    @Override
    public Handler handleNotifyNetworkActiveChanged(NetworkActiveChanged listener) {
        Runnable remove = node.p2p().onNetworkActiveChanged(listener::networkActiveChanged);
        return remove::run;
    }

    @Override
    public String executeRpc(String command, String paramsJson, String uri) {
        Object params;
        try {
            params = Json.parse(paramsJson == null || paramsJson.isBlank() ? "[]" : paramsJson);
        } catch (Json.ParseException e) {
            throw new RpcCommand.RpcError(RpcException.PARSE_ERROR, "Error parsing JSON: " + paramsJson);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", "2.0");
        request.put("id", 1L);
        request.put("method", command);
        request.put("params", params);
        String reply = node.executeRpc(Json.write(request), uri == null ? "/" : uri);
        Map<?, ?> body;
        try {
            body = (Map<?, ?>) Json.parse(reply);
        } catch (Json.ParseException e) {
            throw new IllegalStateException("the node's RPC server answered with bad JSON: " + reply, e);
        }
        Object error = body.get("error");
        if (error instanceof Map<?, ?> e) {
            throw new RpcCommand.RpcError(((Number) e.get("code")).intValue(), String.valueOf(e.get("message")));
        }
        return Json.write(body.get("result"));
    }

    @Override
    public WalletLoader walletLoader() {
        return node.wallets();
    }

    @Override
    public Handler handleNotifyBlockTip(BlockTipChanged listener) {
        tipListeners.add(listener);
        return () -> tipListeners.remove(listener);
    }
}
