package org.btcmp.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.script.ScriptException;
import org.btcmp.primitives.script.ScriptFlags;
import org.btcmp.primitives.script.ScriptVerifier;
import org.junit.jupiter.api.Test;

/**
 * Bitcoin Core's tx_valid.json and tx_invalid.json (see README-vectors.md), run as Core's
 * transaction_tests do: valid ones with every flag except the listed ones, invalid ones with the
 * listed flags (BADTX: CheckTransaction must fail). Vectors whose verification reports "unsupported"
 * (a spend the verifier cannot judge) are counted and reported, never counted as passing.
 */
class CoreTxVectorsTest {
    private static final Map<String, Integer> FLAGS = Map.ofEntries(
            Map.entry("NONE", 0), Map.entry("P2SH", ScriptFlags.P2SH), Map.entry("STRICTENC", ScriptFlags.STRICTENC),
            Map.entry("DERSIG", ScriptFlags.DERSIG), Map.entry("LOW_S", ScriptFlags.LOW_S),
            Map.entry("SIGPUSHONLY", ScriptFlags.SIGPUSHONLY), Map.entry("MINIMALDATA", ScriptFlags.MINIMALDATA),
            Map.entry("NULLDUMMY", ScriptFlags.NULLDUMMY),
            Map.entry("DISCOURAGE_UPGRADABLE_NOPS", ScriptFlags.DISCOURAGE_UPGRADABLE_NOPS),
            Map.entry("CLEANSTACK", ScriptFlags.CLEANSTACK), Map.entry("MINIMALIF", ScriptFlags.MINIMALIF),
            Map.entry("NULLFAIL", ScriptFlags.NULLFAIL),
            Map.entry("CHECKLOCKTIMEVERIFY", ScriptFlags.CHECKLOCKTIMEVERIFY),
            Map.entry("CHECKSEQUENCEVERIFY", ScriptFlags.CHECKSEQUENCEVERIFY), Map.entry("WITNESS", ScriptFlags.WITNESS),
            Map.entry("DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM", ScriptFlags.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM),
            Map.entry("WITNESS_PUBKEYTYPE", ScriptFlags.WITNESS_PUBKEYTYPE),
            Map.entry("CONST_SCRIPTCODE", ScriptFlags.CONST_SCRIPTCODE), Map.entry("TAPROOT", ScriptFlags.TAPROOT),
            Map.entry("DISCOURAGE_UPGRADABLE_PUBKEYTYPE", 0), Map.entry("DISCOURAGE_OP_SUCCESS", 0),
            Map.entry("DISCOURAGE_UPGRADABLE_TAPROOT_VERSION", 0));
    private static final int ALL = FLAGS.values().stream().reduce(0, (a, b) -> a | b);

    private enum Outcome { VALID, INVALID, UNSUPPORTED }

    private record Vector(String text, Transaction tx, Map<OutPoint, Script> scripts, Map<OutPoint, Long> amounts,
            String flags) {
    }

    private static List<Vector> load(String resource) throws Exception {
        String json;
        try (InputStream in = CoreTxVectorsTest.class.getResourceAsStream(resource)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Vector> out = new ArrayList<>();
        for (Object o : (List<?>) Json.parse(json)) {
            List<?> entry = (List<?>) o;
            if (entry.size() == 1 && entry.get(0) instanceof String) {
                continue; // a comment
            }
            Map<OutPoint, Script> scripts = new HashMap<>();
            Map<OutPoint, Long> amounts = new HashMap<>();
            for (Object p : (List<?>) entry.get(0)) {
                List<?> prev = (List<?>) p;
                OutPoint op = new OutPoint(Hash256.fromHex((String) prev.get(0)), ((Long) prev.get(1)) & 0xffffffffL);
                scripts.put(op, CoreScriptParser.parse((String) prev.get(2)));
                amounts.put(op, prev.size() > 3 ? (Long) prev.get(3) : 0L);
            }
            Transaction tx;
            try {
                tx = Transaction.fromHex((String) entry.get(1));
            } catch (DecodeException e) {
                tx = null;
            }
            out.add(new Vector(Json.write(entry).substring(0, Math.min(120, Json.write(entry).length())), tx,
                    scripts, amounts, (String) entry.get(2)));
        }
        return out;
    }

    private static int flags(String names) {
        int f = 0;
        for (String n : names.split(",")) {
            Integer v = FLAGS.get(n.trim());
            if (v == null) {
                throw new IllegalArgumentException("unknown flag " + n);
            }
            f |= v;
        }
        return f;
    }

    private static Outcome run(Vector v, int flags) {
        try {
            TxChecks.checkTransaction(v.tx());
        } catch (ValidationException e) {
            return Outcome.INVALID;
        }
        List<org.btcmp.primitives.TxOut> spent = new ArrayList<>();
        for (var in : v.tx().inputs()) {
            Script script = v.scripts().get(in.prevout());
            if (script == null) {
                return Outcome.INVALID;
            }
            spent.add(new org.btcmp.primitives.TxOut(v.amounts().get(in.prevout()), script));
        }
        for (int i = 0; i < v.tx().inputs().size(); i++) {
            OutPoint prev = v.tx().inputs().get(i).prevout();
            Script script = v.scripts().get(prev);
            try {
                new ScriptVerifier(v.tx(), i, v.amounts().get(prev), flags, spent).verify(script);
            } catch (ScriptException e) {
                return e.error().equals("unsupported_opcode") ? Outcome.UNSUPPORTED : Outcome.INVALID;
            }
        }
        return Outcome.VALID;
    }

    @Test
    void validTransactionsVerify() throws Exception {
        int passed = 0;
        int unsupported = 0;
        List<String> failures = new ArrayList<>();
        for (Vector v : load("/tx_valid.json")) {
            Outcome o = v.tx() == null ? Outcome.INVALID : run(v, ALL & ~flags(v.flags()));
            switch (o) {
                case VALID -> passed++;
                case UNSUPPORTED -> unsupported++;
                default -> failures.add(v.text());
            }
        }
        System.out.printf("tx_valid.json: %d passed, %d unsupported%n", passed,
                unsupported);
        assertEquals(List.of(), failures);
        assertTrue(passed > 100, "parsed too few vectors: " + passed);
    }

    @Test
    void invalidTransactionsAreRejected() throws Exception {
        int rejected = 0;
        int unsupported = 0;
        List<String> accepted = new ArrayList<>();
        for (Vector v : load("/tx_invalid.json")) {
            if (v.tx() == null) {
                rejected++;
                continue;
            }
            if (v.flags().equals("BADTX")) {
                try {
                    TxChecks.checkTransaction(v.tx());
                    accepted.add(v.text());
                } catch (ValidationException e) {
                    rejected++;
                }
                continue;
            }
            switch (run(v, flags(v.flags()))) {
                case INVALID -> rejected++;
                case UNSUPPORTED -> unsupported++;
                default -> accepted.add(v.text());
            }
        }
        System.out.printf("tx_invalid.json: %d rejected, %d unsupported%n", rejected,
                unsupported);
        assertEquals(List.of(), accepted);
        assertTrue(rejected > 50, "parsed too few vectors: " + rejected);
    }
}
