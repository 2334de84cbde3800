package org.btcmp.primitives;

import org.btcmp.common.args.ChainType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Consensus and network constants per network, as Core's kernel/chainparams.cpp sets them. */
public record ChainParams(
        ChainType network,
        int messageStart,
        int defaultPort,
        int rpcPort,
        Block genesis,
        BigInteger powLimit,
        boolean powNoRetargeting,
        boolean powAllowMinDifficultyBlocks,
        int subsidyHalvingInterval,
        int bip34Height,
        int bip65Height,
        int bip66Height,
        int csvHeight,
        int segwitHeight,
        String bech32Hrp,
        int pubkeyAddressPrefix,
        int scriptAddressPrefix,
        int secretKeyPrefix) {

    public static final int COINBASE_MATURITY = 100;
    public static final long COIN = 100_000_000L;
    public static final long MAX_MONEY = 21_000_000L * COIN;
    public static final long POW_TARGET_TIMESPAN = 14 * 24 * 60 * 60;
    public static final long POW_TARGET_SPACING = 10 * 60;

    private static final byte[] SATOSHI_KEY = Hex.decode("04678afdb0fe5548271967f1a67130b7105cd6a828e039"
            + "09a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f");
    private static final String TIMES = "The Times 03/Jan/2009 Chancellor on brink of second bailout for banks";
    private static final String TESTNET4_MSG =
            "03/May/2024 000000000000000000001ebd58c244970b3aa9d783bb001011fbe8ea8e98e00e";
    private static final BigInteger LIMIT_1D = BigInteger.ONE.shiftLeft(224).subtract(BigInteger.ONE);
    private static final BigInteger LIMIT_REGTEST = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);

    /**
     * The parameters of chain {@code n}.
     *
     * @throws IllegalArgumentException for a chain this project has no parameters for (signet)
     */
    public static ChainParams of(ChainType n) {
        return switch (n) {
            case MAIN -> new ChainParams(n, 0xf9beb4d9, 8333, 8332,
                    genesis(TIMES, SATOSHI_KEY, 1231006505L, 2083236893L, 0x1d00ffffL), LIMIT_1D, false, false,
                    210_000, 227_931, 388_381, 363_725, 419_328, 481_824, "bc", 0, 5, 128);
            case TESTNET -> new ChainParams(n, 0x0b110907, 18333, 18332,
                    genesis(TIMES, SATOSHI_KEY, 1296688602L, 414098458L, 0x1d00ffffL), LIMIT_1D, false, true,
                    210_000, 21_111, 581_885, 330_776, 770_112, 834_624, "tb", 111, 196, 239);
            case TESTNET4 -> new ChainParams(n, 0x1c163f28, 48333, 48332,
                    genesis(TESTNET4_MSG, new byte[33], 1714777860L, 393743547L, 0x1d00ffffL), LIMIT_1D, false, true,
                    210_000, 1, 1, 1, 1, 1, "tb", 111, 196, 239);
            case REGTEST -> new ChainParams(n, 0xfabfb5da, 18444, 18443,
                    genesis(TIMES, SATOSHI_KEY, 1296688602L, 2L, 0x207fffffL), LIMIT_REGTEST, true, true,
                    150, 1, 1, 1, 1, 0, "bcrt", 111, 196, 239);
            case SIGNET -> throw new IllegalArgumentException("signet is not supported yet (its chain parameters are not built)");
        };
    }

    public Hash256 genesisHash() {
        return genesis.hash();
    }

    /** Block subsidy at {@code height}: 50 BTC halved every interval, zero after 64 halvings. */
    public long subsidy(int height) {
        int halvings = height / subsidyHalvingInterval;
        return halvings >= 64 ? 0 : (50 * COIN) >> halvings;
    }

    public long powLimitBits() {
        return BlockHeader.bitsFromTarget(powLimit);
    }

    private static Block genesis(String message, byte[] outputKey, long time, long nonce, long bits) {
        Script scriptSig = new ScriptBuilder().number(486604799L).data(new byte[] {4})
                .data(message.getBytes(StandardCharsets.US_ASCII)).build();
        Script out = new ScriptBuilder().data(outputKey).op(0xac).build();
        Transaction coinbase = new Transaction(1,
                List.of(new TxIn(OutPoint.NULL, scriptSig, TxIn.SEQUENCE_FINAL)),
                List.of(new TxOut(50 * COIN, out)), 0);
        BlockHeader header = new BlockHeader(1, Hash256.ZERO, coinbase.txid(), time, bits, nonce);
        return new Block(header, List.of(coinbase));
    }
}
