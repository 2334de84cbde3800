package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.crypto.Schnorr;
import org.btcmp.primitives.script.ScriptFlags;
import org.btcmp.primitives.script.ScriptVerifier;
import org.btcmp.primitives.script.TaprootSighash;
import org.junit.jupiter.api.Test;

/**
 * BIP341's wallet test vectors (keyPathSpending): tweaks, signature hashes for every hash type,
 * and the fully signed transaction verifying input by input (taproot, P2PKH and P2WPKH inputs).
 */
class Bip341VectorsTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void keyPathSpending() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/bip341-wallet-test-vectors.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> root = map(Json.parse(json));
        int checked = 0;
        for (Object k : (List<?>) root.get("keyPathSpending")) {
            Map<String, Object> given = map(map(k).get("given"));
            Transaction unsigned = Transaction.fromHex((String) given.get("rawUnsignedTx"));
            List<TxOut> spent = new ArrayList<>();
            for (Object u : (List<?>) given.get("utxosSpent")) {
                spent.add(new TxOut((Long) map(u).get("amountSats"), Script.fromHex((String) map(u).get("scriptPubKey"))));
            }
            for (Object i : (List<?>) map(k).get("inputSpending")) {
                Map<String, Object> g = map(map(i).get("given"));
                Map<String, Object> mid = map(map(i).get("intermediary"));
                int index = ((Long) g.get("txinIndex")).intValue();
                int hashType = ((Long) g.get("hashType")).intValue();
                byte[] merkle = g.get("merkleRoot") instanceof String s ? Hex.decode(s) : null;
                byte[] secret = Hex.decode((String) g.get("internalPrivkey"));
                assertEquals(mid.get("tweakedPrivkey"), Hex.encode(Schnorr.tweakSecret(secret, merkle)));
                byte[] outputKey = Schnorr.tweak(Schnorr.xOnlyPublicKey(secret), merkle, null);
                assertArrayEquals(spent.get(index).scriptPubKey().witnessProgram(), outputKey);
                byte[] sighash = TaprootSighash.hash(unsigned, index, spent, hashType, null, null, 0xffffffffL);
                assertEquals(mid.get("sigHash"), Hex.encode(sighash), "input " + index);
                String witnessSig = (String) ((List<?>) map(map(i).get("expected")).get("witness")).get(0);
                assertTrue(Schnorr.verify(outputKey, sighash, Hex.decode(witnessSig.substring(0, 128))));
                checked++;
            }
            Transaction signed = Transaction.fromHex((String) map(map(k).get("auxiliary")).get("fullySignedTx"));
            int flags = ScriptFlags.P2SH | ScriptFlags.WITNESS | ScriptFlags.TAPROOT | ScriptFlags.DERSIG
                    | ScriptFlags.NULLDUMMY | ScriptFlags.CHECKLOCKTIMEVERIFY | ScriptFlags.CHECKSEQUENCEVERIFY;
            for (int n = 0; n < signed.inputs().size(); n++) {
                new ScriptVerifier(signed, n, spent.get(n).value(), flags, spent).verify(spent.get(n).scriptPubKey());
            }
        }
        assertTrue(checked >= 7, "checked " + checked);
    }

    @Test
    void tamperedKeyPathSignatureFails() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/bip341-wallet-test-vectors.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> k = map(((List<?>) map(Json.parse(json)).get("keyPathSpending")).get(0));
        Map<String, Object> given = map(k.get("given"));
        List<TxOut> spent = new ArrayList<>();
        for (Object u : (List<?>) given.get("utxosSpent")) {
            spent.add(new TxOut((Long) map(u).get("amountSats"), Script.fromHex((String) map(u).get("scriptPubKey"))));
        }
        Transaction signed = Transaction.fromHex((String) map(k.get("auxiliary")).get("fullySignedTx"));
        byte[] sig = signed.inputs().get(0).witness().get(0).clone();
        sig[5] ^= 1;
        List<org.btcmp.primitives.TxIn> ins = new ArrayList<>(signed.inputs());
        ins.set(0, ins.get(0).withWitness(List.of(sig)));
        Transaction bad = new Transaction(signed.version(), ins, signed.outputs(), signed.lockTime());
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.btcmp.primitives.script.ScriptException.class,
                () -> new ScriptVerifier(bad, 0, spent.get(0).value(), ScriptFlags.P2SH | ScriptFlags.WITNESS
                        | ScriptFlags.TAPROOT, spent).verify(spent.get(0).scriptPubKey()));
        assertEquals("schnorr_sig", e.error());
    }
}
