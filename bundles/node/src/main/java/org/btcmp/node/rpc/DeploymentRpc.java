package org.btcmp.node.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.VersionBits;
import org.btcmp.primitives.ChainParams;

/** Core's getdeploymentinfo: buried deployments by height, BIP9 ones by their version-bits state. */
final class DeploymentRpc {
    private final NodeContext node;

    private DeploymentRpc(NodeContext node) {
        this.node = node;
    }

    static void register(RpcTable t, NodeContext node) {
        DeploymentRpc r = new DeploymentRpc(node);
        t.register(new RpcMethod("getdeploymentinfo", "blockchain", List.of("blockhash"), 0,
                "Returns an object containing various state info regarding deployments of consensus changes.",
                r::deploymentInfo));
    }

    private Object deploymentInfo(Params p) throws RpcException {
        BlockIndex b;
        if (p.has(0)) {
            b = node.chain().lookup(p.hash(0, "blockhash"));
            if (b == null) {
                throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, "Block not found");
            }
        } else {
            b = node.chain().tip();
        }
        ChainParams params = node.params();
        Map<String, Object> deployments = new LinkedHashMap<>();
        buried(deployments, "bip34", params.bip34Height(), b);
        buried(deployments, "bip66", params.bip66Height(), b);
        buried(deployments, "bip65", params.bip65Height(), b);
        buried(deployments, "csv", params.csvHeight(), b);
        buried(deployments, "segwit", params.segwitHeight(), b);
        for (VersionBits.Deployment d : VersionBits.deployments(params.network())) {
            deployments.put(d.name(), bip9(b, d));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", b.hash().toString());
        m.put("height", (long) b.height());
        m.put("deployments", deployments);
        return m;
    }

    /** Active from the block before the activation height on, as Core reports it. */
    private static void buried(Map<String, Object> out, String name, int height, BlockIndex b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "buried");
        m.put("active", b.height() + 1 >= height);
        m.put("height", (long) height);
        out.put(name, m);
    }

    private static Map<String, Object> bip9(BlockIndex b, VersionBits.Deployment d) {
        VersionBits.Info info = VersionBits.info(b, d);
        boolean signalling = info.current() == VersionBits.State.STARTED
                || info.current() == VersionBits.State.LOCKED_IN;
        Map<String, Object> bip9 = new LinkedHashMap<>();
        if (signalling) {
            bip9.put("bit", (long) d.bit());
        }
        bip9.put("start_time", d.startTime());
        bip9.put("timeout", d.timeout());
        bip9.put("min_activation_height", (long) d.minActivationHeight());
        bip9.put("status", info.current().rpcName());
        bip9.put("since", (long) info.since());
        bip9.put("status_next", info.next().rpcName());
        if (signalling) {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("period", (long) d.period());
            stats.put("elapsed", (long) info.elapsed());
            stats.put("count", (long) info.count());
            if (info.current() == VersionBits.State.STARTED) {
                stats.put("threshold", (long) d.threshold());
                stats.put("possible", info.possible());
            }
            bip9.put("statistics", stats);
            bip9.put("signalling", info.signalling());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "bip9");
        if (info.activeSince() != null) {
            m.put("height", (long) info.activeSince());
        }
        m.put("active", info.activeSince() != null && info.activeSince() <= b.height() + 1);
        m.put("bip9", bip9);
        return m;
    }
}
