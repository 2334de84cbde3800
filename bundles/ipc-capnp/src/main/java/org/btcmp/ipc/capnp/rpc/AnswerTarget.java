package org.btcmp.ipc.capnp.rpc;

/**
 * A capability in the results of a call the peer made to us that has not returned yet, which the peer
 * named in a message (a receiverAnswer descriptor: it pipelined the call's result back to us). Calls on
 * it wait, in order, until the answer returns, then go to the capability found in its results, or fail
 * with the answer's exception.
 */
final class AnswerTarget extends QueuedTarget {
    private final int[] path;

    AnswerTarget(int[] path) {
        this.path = path;
    }

    /**
     * Settles to what {@code answer} (returned, failed or canceled) holds at this target's path. True if
     * {@link #drain} must run next, outside the connection's lock.
     */
    boolean settle(Answer answer) {
        CapTarget target;
        try {
            target = answer.resolve(path);
        } catch (RuntimeException e) {
            return settle(null, e);
        }
        if (target instanceof BrokenTarget broken) {
            return settle(null, broken.failure());
        }
        return settle(target == null ? null : new Capability(target), null);
    }
}
