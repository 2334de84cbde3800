package org.btcmp.launcher;

/** What {@code bitcoin -help} prints. */
final class Help {
    private Help() {
    }

    static String versionLine() {
        String version = Help.class.getPackage().getImplementationVersion();
        return "btcmp bitcoin wrapper version " + (version == null ? "(development build)" : version);
    }

    static String text() {
        return versionLine() + "\n\n" + """
                Usage: bitcoin [options] <command> [arguments]

                Runs Bitcoin Core's programs, built as OSGi bundles that talk IPC.

                Commands:
                  echo <text...>   Ask the node's Init for an Echo object and print what it
                                   returns for <text> (a test of the IPC path).
                  help             Print this help.

                Options:
                  -help, -h, -?    Print this help and exit.
                  -version         Print the version and exit.
                """;
    }
}
