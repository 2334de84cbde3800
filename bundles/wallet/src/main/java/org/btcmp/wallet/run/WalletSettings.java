package org.btcmp.wallet.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.init.WalletArgs;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.wallet.link.NodeAddress;

/**
 * What a wallet process (or the wallet inside bitcoind) was told by its options.
 *
 * @param connectTo the node socket of {@code -ipcconnect}; empty when the node is reached in-process
 */
record WalletSettings(Path walletDir, String chainName, long fallbackFeeRate, int keypoolSize,
        List<String> startupWallets, Optional<IpcAddress> connectTo) {

    /**
     * Reads the options.
     *
     * @throws ArgsException naming the option and value at fault
     */
    static WalletSettings read(Args args) throws ArgsException {
        Optional<IpcAddress> connectTo;
        try {
            connectTo = NodeAddress.connectTo(args);
        } catch (IllegalArgumentException e) {
            throw new ArgsException("Invalid -ipcconnect value: " + e.getMessage());
        }
        return new WalletSettings(WalletArgs.walletDir(args), args.chain().chainName(), WalletArgs.fallbackFeeRate(args),
                WalletArgs.keypoolSize(args), WalletArgs.startupWallets(args), connectTo);
    }

    /** Whether this process runs no wallet at all (-disablewallet). */
    static boolean disabled(Args args) {
        return args.declares("disablewallet") && args.getBool("disablewallet", false);
    }

    /** Whether the node started this process with {@code -ipcfd} and hands it the Chain itself. */
    static boolean spawnedByNode(Args args) {
        return args.declares("ipcconnect") && args.declares("ipcfd") && args.get("ipcfd").isPresent();
    }
}
