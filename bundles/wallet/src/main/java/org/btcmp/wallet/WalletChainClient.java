package org.btcmp.wallet;

import java.nio.file.Path;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.common.args.ChainType;
import org.btcmp.wallet.core.WalletOptions;
import org.btcmp.wallet.loader.WalletManager;
import org.btcmp.wallet.rpc.WalletRpc;

/**
 * The wallet side of a node connection (Core's WalletLoader as a ChainClient): a {@link WalletLoader}
 * for the wallets under one directory, following {@code chain}, with Core's wallet RPCs added to the
 * node's server through {@link Chain#handleRpc}. What a deployment starts once per wallet process.
 */
public final class WalletChainClient implements AutoCloseable {
    private final Chain chain;
    private final WalletManager manager;
    private final WalletRpc rpc;

    private WalletChainClient(Chain chain, WalletManager manager, WalletRpc rpc) {
        this.chain = chain;
        this.manager = manager;
        this.rpc = rpc;
    }

    /**
     * Starts the client.
     *
     * @param walletsDir {@code <datadir>/<network>/wallets}
     * @param chainName the network as Core names it ("main", "test", "testnet4", "regtest")
     * @param fallbackFeeRate Core's -fallbackfee in satoshis per 1000 vbytes (0: disabled)
     * @param keypoolSize Core's -keypool
     */
    public static WalletChainClient start(Chain chain, Path walletsDir, String chainName, long fallbackFeeRate,
            int keypoolSize) {
        ChainType network = ChainType.byName(chainName)
                .orElseThrow(() -> new IllegalArgumentException("Unknown chain '" + chainName + "'"));
        WalletManager manager = new WalletManager(chain, walletsDir,
                WalletOptions.of(network).withKeypoolSize(keypoolSize), fallbackFeeRate);
        return new WalletChainClient(chain, manager, new WalletRpc(manager, chain).register());
    }

    /** The node this client follows. */
    public Chain chain() {
        return chain;
    }

    public WalletLoader loader() {
        return manager;
    }

    /** Removes the wallet RPCs from the node and unloads every wallet. */
    @Override
    public void close() {
        try {
            rpc.close();
        } finally {
            manager.close();
        }
    }
}
