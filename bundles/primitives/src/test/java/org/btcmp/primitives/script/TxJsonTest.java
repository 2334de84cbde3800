package org.btcmp.primitives.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.Test;

class TxJsonTest {
    private static final ChainParams REGTEST = ChainParams.of(ChainType.REGTEST);
    private static final byte[] HASH160 = filled(20, 0x11);
    private static final String KEY = "02" + "33".repeat(32);

    @Test
    void outputTypesAreCoresNames() {
        assertEquals("pubkeyhash", TxJson.scriptType(ScriptBuilder.p2pkh(HASH160)));
        assertEquals("scripthash", TxJson.scriptType(ScriptBuilder.p2sh(HASH160)));
        assertEquals("witness_v0_keyhash", TxJson.scriptType(ScriptBuilder.witness(0, HASH160)));
        assertEquals("witness_v0_scripthash", TxJson.scriptType(ScriptBuilder.witness(0, filled(32, 0x22))));
        assertEquals("witness_v1_taproot", TxJson.scriptType(ScriptBuilder.witness(1, filled(32, 0x22))));
        assertEquals("anchor", TxJson.scriptType(Script.fromHex("51024e73")));
        assertEquals("witness_unknown", TxJson.scriptType(ScriptBuilder.witness(2, filled(20, 0x22))));
        assertEquals("nulldata", TxJson.scriptType(ScriptBuilder.opReturn(new byte[] {(byte) 0xbe, (byte) 0xef})));
        assertEquals("pubkey", TxJson.scriptType(Script.fromHex("21" + KEY + "ac")));
        assertEquals("multisig", TxJson.scriptType(Script.fromHex("5121" + KEY + "51ae")));
        assertEquals("nonstandard", TxJson.scriptType(Script.fromHex("51")));
    }

    @Test
    void scriptPubKeyCarriesAsmDescriptorHexAddressAndType() {
        Script p2pkh = ScriptBuilder.p2pkh(HASH160);
        String address = Address.fromScript(p2pkh, REGTEST).orElseThrow();
        Map<String, Object> m = TxJson.scriptPubKey(p2pkh, REGTEST);
        assertEquals(List.of("asm", "desc", "hex", "address", "type"), List.copyOf(m.keySet()));
        assertEquals("OP_DUP OP_HASH160 " + Hex.encode(HASH160) + " OP_EQUALVERIFY OP_CHECKSIG", m.get("asm"));
        assertEquals(withChecksum("addr(" + address + ")"), m.get("desc"));
        assertEquals(address, m.get("address"));

        Map<String, Object> data = TxJson.scriptPubKey(Script.fromHex("6a02beef"), REGTEST);
        assertFalse(data.containsKey("address"));
        assertEquals(withChecksum("raw(6a02beef)"), data.get("desc"));
        assertEquals(withChecksum("pk(" + KEY + ")"),
                TxJson.scriptPubKey(Script.fromHex("21" + KEY + "ac"), REGTEST).get("desc"));
        assertEquals(withChecksum("rawtr(" + "22".repeat(32) + ")"),
                TxJson.scriptPubKey(ScriptBuilder.witness(1, filled(32, 0x22)), REGTEST).get("desc"));
    }

    @Test
    void decodedTransactionHasIdsSizesInputsAndOutputs() {
        OutPoint prevout = new OutPoint(Hash256.fromHex("aa".repeat(32)), 3);
        TxIn in = new TxIn(prevout, Script.EMPTY, 0xfffffffdL, List.of(new byte[] {1, 2}, new byte[0]));
        Transaction tx = new Transaction(2, List.of(in), List.of(new TxOut(1_000, ScriptBuilder.p2pkh(HASH160))), 7);

        Map<String, Object> m = TxJson.decoded(tx, REGTEST);

        assertEquals(List.of("txid", "hash", "version", "size", "vsize", "weight", "locktime", "vin", "vout"),
                List.copyOf(m.keySet()));
        assertEquals(tx.txid().toString(), m.get("txid"));
        assertEquals(tx.wtxid().toString(), m.get("hash"));
        assertEquals(2L, m.get("version"));
        assertEquals((long) tx.vsize(), m.get("vsize"));
        assertEquals(7L, m.get("locktime"));
        Map<?, ?> vin = (Map<?, ?>) ((List<?>) m.get("vin")).get(0);
        assertEquals("aa".repeat(32), vin.get("txid"));
        assertEquals(3L, ((Number) vin.get("vout")).longValue());
        assertEquals(Map.of("asm", "", "hex", ""), vin.get("scriptSig"));
        assertEquals(List.of("0102", ""), vin.get("txinwitness"));
        assertEquals(0xfffffffdL, vin.get("sequence"));
        Map<?, ?> vout = (Map<?, ?>) ((List<?>) m.get("vout")).get(0);
        assertEquals(new BigDecimal("0.00001000"), vout.get("value"));
        assertEquals("0.00001000", ((BigDecimal) vout.get("value")).toPlainString(), "8 decimals, as Core prints");
        assertEquals(0L, vout.get("n"));
        assertEquals(TxJson.scriptPubKey(ScriptBuilder.p2pkh(HASH160), REGTEST), vout.get("scriptPubKey"));
    }

    private static String withChecksum(String body) {
        return body + "#" + Descriptor.checksum(body);
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
