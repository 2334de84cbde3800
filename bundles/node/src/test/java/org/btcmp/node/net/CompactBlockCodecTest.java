package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.Hash256;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.ChainParams;
import org.junit.jupiter.api.Test;

/** SipHash-2-4 against the reference vectors, and BIP152's messages encoded and decoded. */
class CompactBlockCodecTest {
    private static List<String> vectors() throws IOException {
        try (InputStream in = CompactBlockCodecTest.class.getResourceAsStream("siphash24-vectors.txt")) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
            return out;
        }
    }

    @Test
    void sipHashMatchesTheReferenceVectors() throws Exception {
        byte[] key = new byte[16];
        for (int i = 0; i < 16; i++) {
            key[i] = (byte) i;
        }
        long k0 = SipHash.littleEndian(key, 0, 8);
        long k1 = SipHash.littleEndian(key, 8, 8);
        List<String> expected = vectors();
        assertEquals(64, expected.size());
        for (int n = 0; n < 64; n++) {
            byte[] message = new byte[n];
            for (int i = 0; i < n; i++) {
                message[i] = (byte) i;
            }
            long want = SipHash.littleEndian(Bytes.fromHex(expected.get(n)).toByteArray(), 0, 8);
            assertEquals(want, SipHash.hash(k0, k1, message), "message of " + n + " bytes");
        }
    }

    @Test
    void aCompactBlockRoundTripsAndItsShortIdsAreSixBytesOfTheWtxidsSipHash() throws Exception {
        Block genesis = ChainParams.of(ChainType.REGTEST).genesis();
        CompactBlock c = new CompactBlock(genesis.header(), 0x0102030405060708L, List.of(0xffff_ffff_ffffL, 5L),
                List.of(new CompactBlock.Prefilled(0, genesis.transactions().get(0)),
                        new CompactBlock.Prefilled(3, genesis.transactions().get(0))));
        CompactBlock back = CompactBlock.decode(c.encode());
        assertEquals(c.header(), back.header());
        assertEquals(c.nonce(), back.nonce());
        assertEquals(c.shortIds(), back.shortIds());
        assertEquals(List.of(0, 3), back.prefilled().stream().map(CompactBlock.Prefilled::index).toList());
        assertEquals(4, back.transactionCount());

        CompactBlock of = CompactBlock.of(genesis, 7);
        assertEquals(List.of(), of.shortIds(), "the coinbase is prefilled");
        long[] key = CompactBlock.key(genesis.header(), 7);
        long id = CompactBlock.shortId(key, genesis.transactions().get(0));
        assertEquals(id & 0xffff_ffff_ffffL, id);
        assertEquals(SipHash.hash(key[0], key[1], genesis.transactions().get(0).wtxid().internalBytes())
                & 0xffff_ffff_ffffL, id);
    }

    @Test
    void blockTransactionRequestsUseDifferentialIndexes() throws Exception {
        Hash256 block = Hash256.wrap(new byte[32]);
        GetBlockTxn request = new GetBlockTxn(block, List.of(0, 2, 3, 10));
        byte[] wire = request.encode();
        assertEquals("04" + "00" + "01" + "00" + "06", Bytes.wrap(wire).toHex().substring(64, 74),
                "count 4, then gaps 0, 1, 0, 6");
        assertEquals(request, GetBlockTxn.decode(wire));
        Block genesis = ChainParams.of(ChainType.REGTEST).genesis();
        BlockTxn answer = new BlockTxn(block, genesis.transactions());
        assertEquals(answer.transactions(), BlockTxn.decode(answer.encode()).transactions());
        assertThrows(MalformedMessageException.class, () -> CompactBlock.decode(new byte[50]));
        assertThrows(MalformedMessageException.class, () -> GetBlockTxn.decode(new byte[31]));
    }
}
