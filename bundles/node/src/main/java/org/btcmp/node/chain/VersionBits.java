package org.btcmp.node.chain;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.common.args.ChainType;

/**
 * BIP9 deployment states (Core's versionbits), for getdeploymentinfo: a deployment is DEFINED
 * until a period starts at or after its start time, STARTED while miners signal, LOCKED_IN after a
 * period reaching the threshold, then ACTIVE (not before its minimum activation height), or
 * FAILED at its timeout. States change only at period boundaries.
 */
public final class VersionBits {
    /** Core's Consensus::BIP9Deployment::NO_TIMEOUT. */
    public static final long NO_TIMEOUT = Long.MAX_VALUE;
    /** Core's ALWAYS_ACTIVE start time. */
    public static final long ALWAYS_ACTIVE = -1;

    public enum State { DEFINED, STARTED, LOCKED_IN, ACTIVE, FAILED;

        public String rpcName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One deployment's parameters as Core's chainparams set them per network. */
    public record Deployment(String name, int bit, long startTime, long timeout, int minActivationHeight,
            int period, int threshold) {
    }

    /** What getdeploymentinfo reports for a block. */
    public record Info(State current, State next, int since, Integer activeSince, int elapsed, int count,
            boolean possible, String signalling) {
    }

    private VersionBits() {
    }

    /** testdummy and taproot for {@code network}, in Core's order. */
    public static List<Deployment> deployments(ChainType network) {
        return switch (network) {
            case REGTEST -> List.of(new Deployment("testdummy", 28, 0, NO_TIMEOUT, 0, 144, 108),
                    new Deployment("taproot", 2, ALWAYS_ACTIVE, NO_TIMEOUT, 0, 144, 108));
            case MAIN -> List.of(new Deployment("testdummy", 28, 1199145601L, 1230767999L, 0, 2016, 1815),
                    new Deployment("taproot", 2, 1619222400L, 1628640000L, 709_632, 2016, 1815));
            case TESTNET -> List.of(new Deployment("testdummy", 28, 1199145601L, 1230767999L, 0, 2016, 1512),
                    new Deployment("taproot", 2, 1619222400L, 1628640000L, 0, 2016, 1512));
            case TESTNET4 -> List.of(new Deployment("testdummy", 28, 1199145601L, 1230767999L, 0, 2016, 1512),
                    new Deployment("taproot", 2, ALWAYS_ACTIVE, NO_TIMEOUT, 0, 2016, 1512));
            // ChainParams refuses signet before a node could get here.
            case SIGNET -> throw new IllegalArgumentException("no signet chain parameters");
        };
    }

    private static boolean signals(BlockIndex b, int bit) {
        int v = b.header().version();
        return (v & 0xE0000000) == 0x20000000 && ((v >>> bit) & 1) == 1;
    }

    /** {state for the block after prev, height since which it holds}. */
    private static Object[] walk(BlockIndex prev, Deployment d) {
        if (d.startTime() == ALWAYS_ACTIVE) {
            return new Object[] {State.ACTIVE, 0};
        }
        if (prev == null) {
            return new Object[] {State.DEFINED, 0};
        }
        // The last block of each complete period up to prev, oldest first.
        int lastEnd = prev.height() - ((prev.height() + 1) % d.period());
        List<BlockIndex> ends = new ArrayList<>();
        for (int h = d.period() - 1; h <= lastEnd; h += d.period()) {
            ends.add(prev.ancestor(h));
        }
        State state = State.DEFINED;
        int since = 0;
        for (BlockIndex end : ends) {
            State next = state;
            long mtp = end.medianTimePast();
            switch (state) {
                case DEFINED -> {
                    if (mtp >= d.startTime()) {
                        next = State.STARTED;
                    }
                }
                case STARTED -> {
                    int count = 0;
                    for (BlockIndex b = end; b != null && b.height() > end.height() - d.period(); b = b.prev()) {
                        if (signals(b, d.bit())) {
                            count++;
                        }
                    }
                    if (count >= d.threshold()) {
                        next = State.LOCKED_IN;
                    } else if (mtp >= d.timeout()) {
                        next = State.FAILED;
                    }
                }
                case LOCKED_IN -> {
                    if (end.height() + 1 >= d.minActivationHeight()) {
                        next = State.ACTIVE;
                    }
                }
                default -> {
                }
            }
            if (next != state) {
                state = next;
                since = end.height() + 1;
            }
        }
        return new Object[] {state, since};
    }

    /** Core's VersionBitsCache::Info for {@code block}. */
    public static Info info(BlockIndex block, Deployment d) {
        Object[] cur = walk(block.prev(), d);
        State current = (State) cur[0];
        State next = (State) walk(block, d)[0];
        int since = (Integer) cur[1];
        Integer activeSince = current == State.ACTIVE ? Integer.valueOf(since)
                : next == State.ACTIVE ? Integer.valueOf(block.height() + 1) : null;
        int elapsed = 0;
        int count = 0;
        StringBuilder sig = new StringBuilder();
        boolean possible = false;
        if (current == State.STARTED || current == State.LOCKED_IN) {
            elapsed = 1 + block.height() % d.period();
            for (BlockIndex b = block; b != null && b.height() > block.height() - elapsed; b = b.prev()) {
                boolean s = signals(b, d.bit());
                count += s ? 1 : 0;
                sig.append(s ? '#' : '-');
            }
            sig.reverse();
            possible = current == State.STARTED && d.period() - d.threshold() >= elapsed - count;
        }
        return new Info(current, next, since, activeSince, elapsed, count, possible, sig.toString());
    }
}
