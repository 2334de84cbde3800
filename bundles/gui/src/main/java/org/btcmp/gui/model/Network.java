package org.btcmp.gui.model;

import java.util.Locale;

/** The networks an address can belong to, with their address prefixes (Core's chainparams). */
public enum Network {
    MAIN("bc", 0x00, 0x05), TEST("tb", 0x6f, 0xc4), TESTNET4("tb", 0x6f, 0xc4), SIGNET("tb", 0x6f, 0xc4),
    REGTEST("bcrt", 0x6f, 0xc4);

    final String hrp;
    final int pubkeyHashVersion;
    final int scriptHashVersion;

    Network(String hrp, int pubkeyHashVersion, int scriptHashVersion) {
        this.hrp = hrp;
        this.pubkeyHashVersion = pubkeyHashVersion;
        this.scriptHashVersion = scriptHashVersion;
    }

    /** Core's chain name as getblockchaininfo prints it: main, test, testnet4, signet, regtest. */
    public static Network ofChainName(String chain) {
        return switch (chain.toLowerCase(Locale.ROOT)) {
            case "main" -> MAIN;
            case "test" -> TEST;
            case "testnet4" -> TESTNET4;
            case "signet" -> SIGNET;
            case "regtest" -> REGTEST;
            default -> throw new IllegalArgumentException("Unknown chain '" + chain + "'");
        };
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
