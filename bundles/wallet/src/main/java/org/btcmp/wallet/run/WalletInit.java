package org.btcmp.wallet.run;

import java.util.function.Function;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.interfaces.WalletLoader;

/**
 * The Init a wallet process spawned by the node serves on its inherited socket: makeEcho, and
 * makeWalletLoader, through which the node hands over its Chain once (DESIGN.md "Who serves what").
 */
final class WalletInit implements Init {
    private final Function<Chain, WalletLoader> start;
    private WalletLoader loader; // guarded by this

    /** @param start starts the process's wallets on the node's Chain and returns their loader */
    WalletInit(Function<Chain, WalletLoader> start) {
        this.start = start;
    }

    @Override
    public Echo makeEcho() {
        return new WalletEcho();
    }

    @Override
    public synchronized WalletLoader makeWalletLoader(Chain chain) {
        if (loader != null) {
            throw new IllegalStateException("this wallet process already serves a node");
        }
        loader = start.apply(chain);
        return loader;
    }
}
