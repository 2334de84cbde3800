package org.btcmp.wallet;

import java.io.PrintStream;
import org.btcmp.wallet.tool.WalletToolCommand;

/**
 * {@code bitcoin-wallet} without {@code -ipcfd}/{@code -ipcconnect}: Core's offline wallet tool
 * ({@code create}, {@code info}, {@code dump}, {@code createfromdump}). The launcher runs
 * {@link #run} inside the wallet deployment; {@link #main} runs it from a plain class path.
 */
public final class WalletTool {
    private WalletTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool with {@code args}; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return WalletToolCommand.run(args, out, err);
    }
}
