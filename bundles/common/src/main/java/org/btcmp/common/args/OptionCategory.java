package org.btcmp.common.args;

/** The groups {@code -help} lists options under, in this order, with Core's headings. */
public enum OptionCategory {
    OPTIONS("Options"),
    CONNECTION("Connection options"),
    IPC("IPC interprocess connection options"),
    WALLET("Wallet options"),
    DEBUG_TEST("Debugging/Testing options"),
    CHAINPARAMS("Chain selection options"),
    NODE_RELAY("Node relay options"),
    BLOCK_CREATION("Block creation options"),
    RPC("RPC server options"),
    GUI("UI options"),
    COMMANDS("Commands");

    private final String heading;

    OptionCategory(String heading) {
        this.heading = heading;
    }

    public String heading() {
        return heading;
    }
}
