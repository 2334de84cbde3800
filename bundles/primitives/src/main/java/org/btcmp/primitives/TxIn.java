package org.btcmp.primitives;

import java.util.List;

/** A transaction input: the outpoint it spends, its scriptSig, sequence and witness stack. */
public record TxIn(OutPoint prevout, Script scriptSig, long sequence, List<byte[]> witness) {
    public static final long SEQUENCE_FINAL = 0xffffffffL;

    public TxIn {
        witness = List.copyOf(witness);
    }

    public TxIn(OutPoint prevout, Script scriptSig, long sequence) {
        this(prevout, scriptSig, sequence, List.of());
    }

    public boolean hasWitness() {
        return !witness.isEmpty();
    }

    public TxIn withWitness(List<byte[]> stack) {
        return new TxIn(prevout, scriptSig, sequence, stack);
    }

    public TxIn withScriptSig(Script script) {
        return new TxIn(prevout, script, sequence, witness);
    }
}
