package org.btcmp.primitives;

/** The networks Core knows, with the names its RPC and options use. */
public enum Network {
    MAIN("main", ""),
    TESTNET("test", "testnet3"),
    TESTNET4("testnet4", "testnet4"),
    REGTEST("regtest", "regtest");

    private final String chainName;
    private final String dataDirName;

    Network(String chainName, String dataDirName) {
        this.chainName = chainName;
        this.dataDirName = dataDirName;
    }

    /** As getblockchaininfo's {@code chain}. */
    public String chainName() {
        return chainName;
    }

    /** The sub-directory of the datadir (empty for mainnet, which lives at the root). */
    public String dataDirName() {
        return dataDirName;
    }

    public ChainParams params() {
        return ChainParams.of(this);
    }
}
