package org.btcmp.primitives;

import org.btcmp.common.args.ChainType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChainParamsTest {

    @Test
    void genesisHashesMatchCore() {
        assertEquals("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
                ChainParams.of(ChainType.MAIN).genesisHash().toString());
        assertEquals("000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943",
                ChainParams.of(ChainType.TESTNET).genesisHash().toString());
        assertEquals("00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043",
                ChainParams.of(ChainType.TESTNET4).genesisHash().toString());
        assertEquals("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
                ChainParams.of(ChainType.REGTEST).genesisHash().toString());
    }

    @Test
    void genesisMerkleRootIsItsCoinbaseTxid() {
        Block g = ChainParams.of(ChainType.REGTEST).genesis();
        assertEquals("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
                g.header().merkleRoot().toString());
        assertEquals(g.header().merkleRoot(), MerkleTree.ofTxids(g.transactions()).hash());
        assertEquals(285, g.toBytes().length);
        assertEquals(g.hash(), Block.fromBytes(g.toBytes()).hash());
    }

    @Test
    void regtestSubsidyHalvesEvery150Blocks() {
        ChainParams p = ChainParams.of(ChainType.REGTEST);
        assertEquals(50 * ChainParams.COIN, p.subsidy(149));
        assertEquals(25 * ChainParams.COIN, p.subsidy(150));
        assertEquals(1_250_000_000L, p.subsidy(300));
        assertEquals(0, p.subsidy(150 * 64));
        assertEquals(50 * ChainParams.COIN, ChainParams.of(ChainType.MAIN).subsidy(209_999));
        assertEquals(25 * ChainParams.COIN, ChainParams.of(ChainType.MAIN).subsidy(210_000));
    }

    @Test
    void regtestHasNoRetargetingAndEarlySoftForks() {
        ChainParams p = ChainParams.of(ChainType.REGTEST);
        assertTrue(p.powNoRetargeting());
        assertEquals(0x207fffffL, p.powLimitBits());
        assertEquals(0, p.segwitHeight());
        assertEquals(1, p.bip34Height());
        assertEquals(18443, p.rpcPort());
        assertEquals("bcrt", p.bech32Hrp());
    }

    @Test
    void compactBitsRoundTrip() {
        assertEquals(0x1d00ffffL, BlockHeader.bitsFromTarget(BlockHeader.targetFromBits(0x1d00ffffL)));
        assertEquals(0x207fffffL, BlockHeader.bitsFromTarget(BlockHeader.targetFromBits(0x207fffffL)));
        assertEquals(null, BlockHeader.targetFromBits(0x01fedcbaL), "negative target");
        assertEquals(2, BlockHeader.workFromBits(0x207fffffL).intValue());
    }
}
