package org.btcmp.launcher;

/** What {@code bitcoin -help} prints. */
final class Help {
    private Help() {
    }

    static String versionLine() {
        return versionLine("bitcoin wrapper");
    }

    static String versionLine(String executable) {
        String version = Help.class.getPackage().getImplementationVersion();
        return "btcmp " + executable + " version " + (version == null ? "(development build)" : version);
    }

    static String text() {
        return versionLine() + "\n\n" + """
                Usage: bitcoin [options] <command> [arguments]

                Runs Bitcoin Core's programs, built as OSGi bundles that talk IPC.

                Options:
                  -m, --multiprocess  Run the multiprocess executables (bitcoin-node, bitcoin-gui,
                                      bitcoin-wallet).
                  -M, --monolithic    Run the monolithic ones (bitcoind, bitcoin-qt). (Default)
                  -v, -version        Print the version and exit.
                  -h, -help, -?       Print this help and exit.
                  Chain and data options (-regtest, -chain=, -datadir=, -conf=) given before the
                  command are passed on to it.

                Commands:
                  node [ARGS]      Start the node: node and wallet in one process (bitcoind);
                                   with -m, bitcoin-node. 'bitcoin node -help' lists its options.
                  rpc [ARGS]       Call an RPC method (bitcoin-cli -named [ARGS]).
                  wallet [ARGS]    The wallet tool (bitcoin-wallet): not available yet.
                  gui [ARGS]       The GUI with its node and wallets in one process (bitcoin-qt);
                                   with -m, bitcoin-gui: connects to a running bitcoin-node
                                   (-ipcconnect) or starts one. -headless: no window.
                  echo <text...>   Ask the node's Init for an Echo object and print what it
                                   returns for <text> (a test of the IPC path).
                  help             Print this help.
                """;
    }
}
