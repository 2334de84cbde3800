package org.btcmp.node.chain;

import java.math.BigInteger;
import java.util.Arrays;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.Hash256;

/** What the node knows about one block header: its place in the tree, work, status and where its data is. */
public final class BlockIndex {
    static final int HAVE_DATA = 1;
    static final int HAVE_UNDO = 2;
    static final int FAILED = 4;
    static final int FAILED_CHILD = 8;

    final Hash256 hash;
    final BlockHeader header;
    final BlockIndex prev;
    final int height;
    final BigInteger chainWork;
    final long sequence;
    int status;
    FilePos data;
    FilePos undo;
    int txCount;

    BlockIndex(BlockHeader header, BlockIndex prev, long sequence) {
        this.hash = header.hash();
        this.header = header;
        this.prev = prev;
        this.height = prev == null ? 0 : prev.height + 1;
        BigInteger work = BlockHeader.workFromBits(header.bits());
        this.chainWork = prev == null ? work : prev.chainWork.add(work);
        this.sequence = sequence;
    }

    /** Where a record sits in the block or undo files. */
    record FilePos(int file, long offset) {
    }

    public Hash256 hash() {
        return hash;
    }

    public BlockHeader header() {
        return header;
    }

    public int height() {
        return height;
    }

    public BigInteger chainWork() {
        return chainWork;
    }

    public int txCount() {
        return txCount;
    }

    public BlockIndex prev() {
        return prev;
    }

    boolean failed() {
        return (status & (FAILED | FAILED_CHILD)) != 0;
    }

    boolean haveData() {
        return (status & HAVE_DATA) != 0;
    }

    public boolean isInvalid() {
        return failed();
    }

    /** Median of the last 11 block times ending here (BIP113). */
    public long medianTimePast() {
        long[] times = new long[Consensus.MEDIAN_TIME_SPAN];
        int n = 0;
        for (BlockIndex b = this; b != null && n < times.length; b = b.prev) {
            times[n++] = b.header.time();
        }
        long[] used = Arrays.copyOf(times, n);
        Arrays.sort(used);
        return used[n / 2];
    }

    public BlockIndex ancestor(int h) {
        BlockIndex b = this;
        while (b != null && b.height > h) {
            b = b.prev;
        }
        return b != null && b.height == h ? b : null;
    }

    @Override
    public String toString() {
        return height + ":" + hash;
    }
}
