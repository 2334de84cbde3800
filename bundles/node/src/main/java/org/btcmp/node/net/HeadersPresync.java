package org.btcmp.node.net;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.Hash256;

/**
 * Core's HeadersSyncState for one peer whose headers chain, where it leaves ours, has less work than
 * -minimumchainwork. PRESYNC: headers are checked for continuity and counted, never stored; at one random height
 * in every {@link #COMMITMENT_PERIOD} a 1-bit salted hash of the header is kept (a bounded number of them: no
 * valid chain has more than 6 blocks per second since its start). Once the work reaches the minimum, REDOWNLOAD:
 * the chain is asked for again from its start, each kept bit is checked against the header at its height (a
 * peer that switched chains fails with odds 1/2 per bit), and headers are released for storing only once
 * {@link #REDOWNLOAD_BUFFER} more of them were checked, or all of them once the redownload has the minimum work.
 * Not checked here, unlike Core: difficulty transitions (PermittedDifficultyTransition; regtest never retargets).
 */
final class HeadersPresync {
    /**
     * Ours, not Core's per-chain HeadersSyncParams values: a commitment every 600 headers and a buffer of 14,000
     * headers (about 23 commitments checked before a header is released).
     */
    static final int COMMITMENT_PERIOD = 600;
    static final int REDOWNLOAD_BUFFER = 14_000;
    /** Core's MAX_FUTURE_BLOCK_TIME. */
    private static final long MAX_FUTURE_SECONDS = 2 * 60 * 60;

    /** A header on the peer's chain: hash, height and chain work up to it. */
    record Header(Hash256 hash, int height, BigInteger work) {
    }

    /** What a batch did: headers now ready to store, whether to ask for more and from where, or a failure. */
    record Result(List<Header> release, Hash256 requestAfter, String failure, boolean done) {
    }

    private final BigInteger minimum;
    private final Hash256 startHash;
    private final int startHeight;
    private final BigInteger startWork;
    private final long k0;
    private final long k1;
    private final int offset;
    private final long maxCommitments;
    private final ArrayDeque<Boolean> commitments = new ArrayDeque<>();
    private final ArrayDeque<Header> buffer = new ArrayDeque<>();
    private boolean redownloading;
    private Hash256 last;
    private int height;
    private BigInteger work;
    private boolean releaseAll;

    /**
     * @param start the block of ours the peer's chain leaves from
     * @param startMedianTimePast its median time past, seconds
     */
    HeadersPresync(Hash256 startHash, int startHeight, BigInteger startWork, long startMedianTimePast, long now,
            BigInteger minimum) {
        this(startHash, startHeight, startWork, startMedianTimePast, now, minimum, new SecureRandom());
    }

    private HeadersPresync(Hash256 startHash, int startHeight, BigInteger startWork, long startMedianTimePast,
            long now, BigInteger minimum, SecureRandom random) {
        this(startHash, startHeight, startWork, startMedianTimePast, now, minimum, random.nextLong(),
                random.nextLong(), random.nextInt(COMMITMENT_PERIOD));
    }

    /** With a given salt and commitment offset (tests). */
    HeadersPresync(Hash256 startHash, int startHeight, BigInteger startWork, long startMedianTimePast, long now,
            BigInteger minimum, long k0, long k1, int offset) {
        this.k0 = k0;
        this.k1 = k1;
        this.offset = offset;
        this.minimum = minimum;
        this.startHash = startHash;
        this.startHeight = startHeight;
        this.startWork = startWork;
        this.maxCommitments = 6 * (Math.max(0, now - startMedianTimePast) + MAX_FUTURE_SECONDS) / COMMITMENT_PERIOD;
        this.last = startHash;
        this.height = startHeight;
        this.work = startWork;
    }

    /** The header the next batch must continue from. */
    Hash256 last() {
        return last;
    }

    boolean redownloading() {
        return redownloading;
    }

    /** Height and chain work at {@link #last()}. */
    int height() {
        return height;
    }

    BigInteger work() {
        return work;
    }

    /** getpeerinfo's presynced_headers: the height presync reached, or -1 once redownloading. */
    int presyncHeight() {
        return redownloading ? -1 : height;
    }

    boolean commitment(Hash256 hash) {
        return (SipHash.hash(k0, k1, hash.internalBytes()) & 1) != 0;
    }

    /** One batch that continues {@link #last()}; {@code full} when the peer may have more. */
    Result process(List<Header> batch, boolean full) {
        return redownloading ? redownload(batch, full) : presync(batch, full);
    }

    private Result presync(List<Header> batch, boolean full) {
        for (Header h : batch) {
            if (h.height() % COMMITMENT_PERIOD == offset) {
                commitments.addLast(commitment(h.hash()));
                if (commitments.size() > maxCommitments) {
                    return new Result(List.of(), null, "exceeded max commitments at height " + h.height(), true);
                }
            }
            last = h.hash();
            height = h.height();
            work = h.work();
        }
        if (work.compareTo(minimum) >= 0) {
            redownloading = true;
            last = startHash;
            height = startHeight;
            work = startWork;
            return new Result(List.of(), startHash, null, false);
        }
        if (!full) {
            return new Result(List.of(), null, "incomplete headers message at height " + height
                    + " (presync phase): a low-work chain", true);
        }
        return new Result(List.of(), last, null, false);
    }

    private Result redownload(List<Header> batch, boolean full) {
        for (Header h : batch) {
            if (h.work().compareTo(minimum) >= 0) {
                releaseAll = true;
            }
            if (!releaseAll && h.height() % COMMITMENT_PERIOD == offset) {
                if (commitments.isEmpty()) {
                    return new Result(List.of(), null, "commitment overrun at height " + h.height(), true);
                }
                if (commitment(h.hash()) != commitments.removeFirst()) {
                    return new Result(List.of(), null, "commitment mismatch at height " + h.height(), true);
                }
            }
            buffer.addLast(h);
            last = h.hash();
            height = h.height();
            work = h.work();
        }
        List<Header> release = new ArrayList<>();
        while (buffer.size() > REDOWNLOAD_BUFFER || (releaseAll && !buffer.isEmpty())) {
            release.add(buffer.removeFirst());
        }
        if (releaseAll) {
            return new Result(release, full ? last : null, null, true);
        }
        if (!full) {
            return new Result(release, null, "incomplete headers message at height " + height
                    + " (redownload phase)", true);
        }
        return new Result(release, last, null, false);
    }
}
