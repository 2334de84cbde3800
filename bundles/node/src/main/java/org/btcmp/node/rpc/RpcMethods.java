package org.btcmp.node.rpc;

/** Registers every node command family in a table. */
public final class RpcMethods {
    private RpcMethods() {
    }

    public static void registerAll(RpcTable table, NodeContext node) {
        BlockchainRpc.register(table, node);
        MiningRpc.register(table, node);
        RawTransactionRpc.register(table, node);
        PackageRpc.register(table, node);
        ControlRpc.register(table, node);
        DescriptorRpc.register(table, node);
        UtilRpc.register(table, node);
        DeploymentRpc.register(table, node);
    }
}
