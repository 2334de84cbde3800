package org.btcmp.node.net;

/** The networks the node can join: the four magic bytes that open every message, and the default port. */
public enum P2pNetwork {
    MAIN(0xf9beb4d9, 8333),
    TESTNET3(0x0b110907, 18333),
    TESTNET4(0x1c163f28, 48333),
    SIGNET(0x0a03cf40, 38333),
    REGTEST(0xfabfb5da, 18444);

    private final int magic;
    private final int defaultPort;

    P2pNetwork(int magic, int defaultPort) {
        this.magic = magic;
        this.defaultPort = defaultPort;
    }

    /** The magic as it appears on the wire, first byte in the most significant position. */
    public int magic() {
        return magic;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The P2P network of a chain, by Core's chain name (main, test, testnet4, signet, regtest). */
    public static P2pNetwork ofChainName(String chain) {
        return switch (chain) {
            case "main" -> MAIN;
            case "test" -> TESTNET3;
            case "testnet4" -> TESTNET4;
            case "signet" -> SIGNET;
            case "regtest" -> REGTEST;
            default -> throw new IllegalArgumentException("unknown chain " + chain);
        };
    }
}
