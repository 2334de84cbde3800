package org.btcmp.node.chain;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.script.ScriptException;
import org.btcmp.primitives.script.ScriptFlags;
import org.btcmp.primitives.script.ScriptVerifier;

/** Runs every input's scripts; remembers (wtxid, flags) that passed, like Core's script execution cache. */
final class ScriptChecks {
    private final Set<String> passed = ConcurrentHashMap.newKeySet();

    /** Consensus flags for a block at {@code height}, as Core's GetBlockScriptFlags for these deployments. */
    static int consensusFlags(ChainParams params, int height) {
        int f = ScriptFlags.P2SH | ScriptFlags.TAPROOT;
        if (height >= params.segwitHeight()) {
            f |= ScriptFlags.WITNESS | ScriptFlags.NULLDUMMY;
        }
        if (height >= params.bip66Height()) {
            f |= ScriptFlags.DERSIG;
        }
        if (height >= params.bip65Height()) {
            f |= ScriptFlags.CHECKLOCKTIMEVERIFY;
        }
        if (height >= params.csvHeight()) {
            f |= ScriptFlags.CHECKSEQUENCEVERIFY;
        }
        return f;
    }

    void verify(Transaction tx, List<Coin> coins, int flags, String prefix) throws ValidationException {
        Hash256 wtxid = tx.wtxid();
        String key = wtxid + "/" + flags;
        if (passed.contains(key)) {
            return;
        }
        List<org.btcmp.primitives.TxOut> spent = coins.stream().map(Coin::output).toList();
        for (int i = 0; i < tx.inputs().size(); i++) {
            Coin c = coins.get(i);
            try {
                new ScriptVerifier(tx, i, c.output().value(), flags, spent).verify(c.output().scriptPubKey());
            } catch (ScriptException e) {
                throw new ValidationException(prefix + "-script-verify-flag-failed (" + describe(e) + ")",
                        "input " + i + " of " + tx.txid());
            }
        }
        if (passed.size() > 100_000) {
            passed.clear();
        }
        passed.add(key);
    }

    private static String describe(ScriptException e) {
        return e.getMessage().replace('_', ' ');
    }
}
