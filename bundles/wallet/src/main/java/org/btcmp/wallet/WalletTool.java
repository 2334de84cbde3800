package org.btcmp.wallet;

import org.btcmp.wallet.tool.WalletToolCommand;

/**
 * {@code bitcoin-wallet} without {@code -ipcfd}/{@code -ipcconnect}: Core's offline wallet tool
 * ({@code create}, {@code info}, {@code dump}, {@code createfromdump}). Deployments wire bin/bitcoin-wallet here.
 */
public final class WalletTool {
    private WalletTool() {
    }

    public static void main(String[] args) {
        System.exit(WalletToolCommand.run(args, System.out, System.err));
    }
}
