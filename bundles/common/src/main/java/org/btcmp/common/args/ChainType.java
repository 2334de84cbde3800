package org.btcmp.common.args;

import java.util.Arrays;
import java.util.Optional;

/** The chains an executable can run on, with Core's names and data subdirectories. */
public enum ChainType {
    MAIN("main", ""),
    TESTNET("test", "testnet3"),
    TESTNET4("testnet4", "testnet4"),
    SIGNET("signet", "signet"),
    REGTEST("regtest", "regtest");

    private final String chainName;
    private final String dataSubdirectory;

    ChainType(String chainName, String dataSubdirectory) {
        this.chainName = chainName;
        this.dataSubdirectory = dataSubdirectory;
    }

    /** The name {@code -chain=} takes and bitcoin.conf sections use. */
    public String chainName() {
        return chainName;
    }

    /** Where this chain's files live under the data directory; empty for mainnet (the root). */
    public String dataSubdirectory() {
        return dataSubdirectory;
    }

    public static Optional<ChainType> byName(String name) {
        return Arrays.stream(values()).filter(c -> c.chainName.equals(name)).findFirst();
    }
}
