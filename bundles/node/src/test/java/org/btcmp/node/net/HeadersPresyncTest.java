package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.btcmp.primitives.Hash256;
import org.junit.jupiter.api.Test;

/**
 * Core's headers presync commitments: a peer that serves another chain on redownload than in presync is caught at
 * a committed height and nothing of it is released; the same chain is released once its work is enough.
 */
class HeadersPresyncTest {
    private static final BigInteger PER_BLOCK = BigInteger.TWO;
    private static final long NOW = 1_700_000_000L;
    private static final int OFFSET = 100;

    private static Hash256 hash(Random r) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        return Hash256.wrap(b);
    }

    private static List<HeadersPresync.Header> chain(List<Hash256> hashes, int from, int to) {
        List<HeadersPresync.Header> out = new ArrayList<>();
        for (int h = from; h <= to; h++) {
            out.add(new HeadersPresync.Header(hashes.get(h - 1), h, PER_BLOCK.multiply(BigInteger.valueOf(h + 1))));
        }
        return out;
    }

    private static HeadersPresync presync(Hash256 start) {
        // The minimum: the work at height 1500 (genesis work 2 plus 2 per block).
        return new HeadersPresync(start, 0, PER_BLOCK, NOW - 3600, NOW, PER_BLOCK.multiply(BigInteger.valueOf(1501)),
                11, 22, OFFSET);
    }

    @Test
    void theSameChainIsReleasedOnceTheRedownloadHasTheWork() {
        Random r = new Random(1);
        Hash256 start = hash(r);
        List<Hash256> hashes = new ArrayList<>();
        for (int i = 0; i < 2100; i++) {
            hashes.add(hash(r));
        }
        HeadersPresync p = presync(start);
        HeadersPresync.Result first = p.process(chain(hashes, 1, 2000), true);
        assertEquals(List.of(), first.release(), "presync stores nothing");
        assertEquals(start, first.requestAfter(), "enough work by height 1500: redownload from the start");
        assertTrue(p.redownloading());
        HeadersPresync.Result again = p.process(chain(hashes, 1, 2000), true);
        assertEquals(2000, again.release().size(), "the work is reached at 1500: all of it is released");
        assertTrue(again.done());
        assertNull(again.failure());
    }

    @Test
    void anotherChainOnRedownloadFailsAtACommittedHeightAndReleasesNothing() {
        Random r = new Random(2);
        Hash256 start = hash(r);
        List<Hash256> hashes = new ArrayList<>();
        for (int i = 0; i < 1600; i++) {
            hashes.add(hash(r));
        }
        HeadersPresync p = presync(start);
        p.process(chain(hashes, 1, 1600), false);
        assertTrue(p.redownloading());
        // The same chain but for the header at the first committed height, swapped for one whose bit differs.
        List<Hash256> other = new ArrayList<>(hashes);
        Hash256 swapped;
        do {
            swapped = hash(r);
        } while (p.commitment(swapped) == p.commitment(hashes.get(OFFSET - 1)));
        other.set(OFFSET - 1, swapped);
        HeadersPresync.Result result = p.process(chain(other, 1, 1600), false);
        assertEquals("commitment mismatch at height " + OFFSET, result.failure());
        assertEquals(List.of(), result.release());
        assertTrue(result.done());
    }

    @Test
    void aShortChainEndsThePresyncAndAnOverlongOneExceedsTheCommitmentBound() {
        Random r = new Random(3);
        List<Hash256> hashes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            hashes.add(hash(r));
        }
        HeadersPresync.Result shortChain = presync(hash(r)).process(chain(hashes, 1, 1000), false);
        assertTrue(shortChain.done());
        assertTrue(shortChain.failure().startsWith("incomplete headers message at height 1000"), shortChain.failure());
        // A chain starting an hour ago can hold 6 blocks a second for 3 hours (with 2 hours in the future): at
        // most 64,800 headers, 108 commitments; 65,400 headers need 109.
        HeadersPresync longChain = new HeadersPresync(hash(r), 0, PER_BLOCK, NOW - 3600, NOW,
                BigInteger.TEN.pow(30), 11, 22, OFFSET);
        HeadersPresync.Result result = null;
        for (int from = 1; from <= 66_000 && (result == null || !result.done()); from += 2000) {
            List<Hash256> batch = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                batch.add(hash(r));
            }
            List<HeadersPresync.Header> headers = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                headers.add(new HeadersPresync.Header(batch.get(i), from + i, BigInteger.valueOf(from + i)));
            }
            result = longChain.process(headers, true);
        }
        assertEquals("exceeded max commitments at height " + (108 * 600 + OFFSET), result.failure());
    }
}
