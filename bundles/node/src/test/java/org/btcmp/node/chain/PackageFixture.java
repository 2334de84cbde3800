package org.btcmp.node.chain;

import java.nio.file.Path;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A regtest chain with mature coinbases, and the parent/child pairs the package tests build from them. */
abstract class PackageFixture {
    TestChain t;
    long value;

    @BeforeEach
    void chain(@TempDir Path dir) throws Exception {
        t = new TestChain(dir);
        t.mine(105);
        value = t.coinbaseValue(1);
    }

    @AfterEach
    void close() throws Exception {
        t.close();
    }

    /** Spends the first coinbase to our key, paying {@code fee}. */
    Transaction parent(long fee) throws Exception {
        return t.key.spend(t.coinbaseAt(1), value, value - fee, t.key.script);
    }

    /** Spends {@code parent}'s first output to our key, paying {@code fee}. */
    Transaction child(Transaction parent, long fee) {
        long in = parent.outputs().get(0).value();
        return t.key.spend(new OutPoint(parent.txid(), 0), in, in - fee, t.key.script);
    }
}
