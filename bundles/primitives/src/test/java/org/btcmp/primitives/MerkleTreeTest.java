package org.btcmp.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static Hash256 h(int i) {
        return Hashes.hash256(new byte[] {(byte) i});
    }

    @Test
    void oddLevelDuplicatesLastWithoutMutation() {
        MerkleTree.Root three = MerkleTree.compute(List.of(h(1), h(2), h(3)));
        MerkleTree.Root four = MerkleTree.compute(List.of(h(1), h(2), h(3), h(3)));
        assertEquals(three.hash(), four.hash(), "the CVE-2012-2459 collision");
        assertFalse(three.mutated());
        assertTrue(four.mutated());
    }

    @Test
    void singleLeafIsTheRoot() {
        assertEquals(h(7), MerkleTree.compute(List.of(h(7))).hash());
    }
}
