package org.btcmp.wallet.core;

import java.util.List;
import java.util.Optional;

/**
 * A wallet transaction as the RPCs and the GUI show it: where it stands (block, confirmations, -1 when
 * conflicted), whether its coins are trusted, what it takes from the wallet ({@code debit}) and gives
 * to it ({@code credit}), each output with whether it is the wallet's and whether it is change, and
 * whether abandontransaction gave it up, and the other wallet transactions spending any of the same
 * outpoints (Core's walletconflicts).
 */
public record WalletTx(String txid, String wtxid, byte[] raw, boolean coinbase, Optional<String> blockHash,
        Optional<Integer> blockHeight, int confirmations, boolean inMempool, boolean trusted, long timeReceived,
        long debit, long credit, long valueOut, List<Output> outputs, boolean abandoned, List<String> conflicts) {

    /** One output: its index, amount, script, and the wallet's view of it. */
    public record Output(int vout, long value, byte[] script, boolean mine, boolean change) {
    }

    /** Whether the wallet paid into it (Core's CachedTxIsFromMe). */
    public boolean fromMe() {
        return debit > 0;
    }

    /** Core's fee of a wallet send: negative, what the outputs lack against the wallet's inputs. */
    public Optional<Long> fee() {
        return fromMe() ? Optional.of(valueOut - debit) : Optional.empty();
    }
}
