package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.btcmp.common.json.Json;
import org.btcmp.primitives.Hex;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.script.ScriptException;
import org.btcmp.primitives.script.ScriptFlags;
import org.btcmp.primitives.script.ScriptVerifier;
import org.junit.jupiter.api.Test;

/**
 * Bitcoin Core's script_tests.json (see README-vectors.md), run as Core's script_tests do: a
 * crediting and a spending transaction per case, the given flags, and the expected result, both
 * success/failure and Core's error name. Tapscript cases ("#SCRIPT#", "#CONTROLBLOCK#",
 * "#TAPROOTOUTPUT#") are built as Core builds them: one leaf under the NUMS internal key.
 */
class CoreScriptVectorsTest {
    /** BIP341's provably unspendable internal key H (x coordinate), Core's XOnlyPubKey::NUMS_H. */
    private static final byte[] NUMS_H = Hex.decode("50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0");

    @Test
    void everyCaseGivesCoresResult() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/script_tests.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int passed = 0;
        int taproot = 0;
        List<String> wrong = new ArrayList<>();
        for (Object o : (List<?>) Json.parse(json)) {
            List<?> t = (List<?>) o;
            if (t.size() < 4) {
                continue;
            }
            List<byte[]> witness = new ArrayList<>();
            long amount = 0;
            int i = 0;
            byte[] taprootOutput = null;
            if (t.get(0) instanceof List<?> w) {
                byte[] tapscript = null;
                for (int k = 0; k < w.size() - 1; k++) {
                    String item = (String) w.get(k);
                    if (item.startsWith("#SCRIPT#")) {
                        tapscript = CoreScriptParser.parse(item.substring(9)).bytes();
                        witness.add(tapscript);
                    } else if (item.equals("#CONTROLBLOCK#")) {
                        // Core builds a one-leaf tree under the NUMS internal key H of BIP341.
                        byte[] leaf = org.btcmp.primitives.Hashes.taggedHash("TapLeaf", new byte[] {(byte) 0xc0},
                                new org.btcmp.primitives.ByteWriter().writeVarBytes(tapscript).toByteArray());
                        boolean[] odd = new boolean[1];
                        taprootOutput = org.btcmp.primitives.crypto.Schnorr.tweak(NUMS_H, leaf, odd);
                        byte[] control = new byte[33];
                        control[0] = (byte) (0xc0 | (odd[0] ? 1 : 0));
                        System.arraycopy(NUMS_H, 0, control, 1, 32);
                        witness.add(control);
                        taproot++;
                    } else {
                        witness.add(Hex.decode(item));
                    }
                }
                amount = new BigDecimal(w.get(w.size() - 1).toString()).movePointRight(8).longValueExact();
                i = 1;
            }
            Script sig = CoreScriptParser.parse((String) t.get(i));
            String pubText = (String) t.get(i + 1);
            Script pub = taprootOutput != null && pubText.contains("#TAPROOTOUTPUT#")
                    ? CoreScriptParser.parse(pubText.replace("#TAPROOTOUTPUT#", "0x" + Hex.encode(taprootOutput)))
                    : CoreScriptParser.parse(pubText);
            int flags = flags((String) t.get(i + 2));
            String expected = ((String) t.get(i + 3)).toLowerCase(Locale.ROOT);
            String got = run(sig, pub, witness, amount, flags);
            if (got.equals(expected)) {
                passed++;
            } else {
                wrong.add("expected " + expected + " got " + got + ": " + Json.write(t));
            }
        }
        System.out.printf("script_tests.json: %d match Core (%d of them tapscript), %d mismatch%n", passed, taproot,
                wrong.size());
        assertEquals(List.of(), wrong);
        assertTrue(passed > 1000);
    }

    private static String run(Script scriptSig, Script scriptPubKey, List<byte[]> witness, long amount, int flags) {
        Transaction credit = new Transaction(1, List.of(new TxIn(OutPoint.NULL, Script.of(new byte[] {0, 0}),
                0xffffffffL)), List.of(new TxOut(amount, scriptPubKey)), 0);
        Transaction spend = new Transaction(1, List.of(new TxIn(new OutPoint(credit.txid(), 0), scriptSig,
                0xffffffffL, witness)), List.of(new TxOut(amount, Script.EMPTY)), 0);
        try {
            new ScriptVerifier(spend, 0, amount, flags, List.of(credit.outputs().get(0))).verify(scriptPubKey);
            return "ok";
        } catch (ScriptException e) {
            return e.error();
        }
    }

    private static int flags(String names) {
        int f = 0;
        for (String n : names.split(",")) {
            f |= switch (n.trim()) {
                case "", "NONE" -> 0;
                case "P2SH" -> ScriptFlags.P2SH;
                case "STRICTENC" -> ScriptFlags.STRICTENC;
                case "DERSIG" -> ScriptFlags.DERSIG;
                case "LOW_S" -> ScriptFlags.LOW_S;
                case "SIGPUSHONLY" -> ScriptFlags.SIGPUSHONLY;
                case "MINIMALDATA" -> ScriptFlags.MINIMALDATA;
                case "NULLDUMMY" -> ScriptFlags.NULLDUMMY;
                case "DISCOURAGE_UPGRADABLE_NOPS" -> ScriptFlags.DISCOURAGE_UPGRADABLE_NOPS;
                case "CLEANSTACK" -> ScriptFlags.CLEANSTACK;
                case "MINIMALIF" -> ScriptFlags.MINIMALIF;
                case "NULLFAIL" -> ScriptFlags.NULLFAIL;
                case "CHECKLOCKTIMEVERIFY" -> ScriptFlags.CHECKLOCKTIMEVERIFY;
                case "CHECKSEQUENCEVERIFY" -> ScriptFlags.CHECKSEQUENCEVERIFY;
                case "WITNESS" -> ScriptFlags.WITNESS;
                case "DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM" -> ScriptFlags.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM;
                case "WITNESS_PUBKEYTYPE" -> ScriptFlags.WITNESS_PUBKEYTYPE;
                case "CONST_SCRIPTCODE" -> ScriptFlags.CONST_SCRIPTCODE;
                case "TAPROOT" -> ScriptFlags.TAPROOT;
                default -> throw new IllegalArgumentException("unknown flag " + n);
            };
        }
        return f;
    }
}
