package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.junit.jupiter.api.Test;

/** The orphan pool's bounds: size, expiry, per-peer removal, and lookup of children. */
class OrphanageTest {
    private static Transaction spending(Hash256 parent, int n) {
        return new Transaction(2, List.of(new TxIn(new OutPoint(parent, 0), Script.EMPTY, 0)),
                List.of(new TxOut(1000 + n, Script.EMPTY)), 0);
    }

    private static Hash256 hash(int n) {
        byte[] b = new byte[32];
        b[0] = (byte) n;
        b[1] = (byte) (n >> 8);
        return Hash256.wrap(b);
    }

    @Test
    void heldAtMostAHundredAndNeverPastTheirExpiry() {
        Orphanage o = new Orphanage();
        for (int i = 0; i < 150; i++) {
            o.add(spending(hash(i), i), i % 3, 0);
        }
        assertEquals(Orphanage.MAX_ORPHANS, o.size());
        o.expire(Orphanage.EXPIRE_NANOS - 1);
        assertEquals(Orphanage.MAX_ORPHANS, o.size());
        o.expire(Orphanage.EXPIRE_NANOS + 1);
        assertEquals(0, o.size());
    }

    @Test
    void childrenAreFoundByTheirParentAndGoWithTheirPeer() {
        Orphanage o = new Orphanage();
        Transaction parent = new Transaction(2, List.of(new TxIn(new OutPoint(hash(7), 0), Script.EMPTY, 0)),
                List.of(new TxOut(5000, Script.EMPTY)), 0);
        Transaction child = spending(parent.txid(), 1);
        Transaction other = spending(hash(9), 2);
        assertTrue(o.add(child, 1, 0));
        assertFalse(o.add(child, 2, 0), "already held");
        assertTrue(o.add(other, 2, 0));
        assertEquals(List.of(child), o.childrenOf(parent));
        assertTrue(o.contains(child.txid()) && o.contains(child.wtxid()));
        o.removeForPeer(1);
        assertEquals(List.of(), o.childrenOf(parent));
        assertFalse(o.contains(child.txid()));
        assertTrue(o.contains(other.txid()));
    }
}
