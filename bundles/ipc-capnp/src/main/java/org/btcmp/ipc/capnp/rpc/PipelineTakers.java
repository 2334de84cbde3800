package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Capabilities pipelined from results that have not arrived: each is a {@link PromisedTarget} handed out at
 * once and settled, in the order asked, when the results arrive; one asked afterwards is settled at once.
 * Shared by results of local calls ({@link PendingResults}) and of calls not made yet
 * ({@link RemotePromise#eventually}).
 */
final class PipelineTakers {
    private record Taker(PromisedTarget target, int[] path) {
    }

    private final List<Taker> waiting = new ArrayList<>(); // guarded by this
    private BiConsumer<PromisedTarget, int[]> settle; // guarded by this; null until the results arrive

    /** The capability the results will hold at {@code path}. */
    CapTarget pipeline(int[] path) {
        PromisedTarget target = new PromisedTarget();
        BiConsumer<PromisedTarget, int[]> now;
        synchronized (this) {
            if (settle == null) {
                waiting.add(new Taker(target, path));
                return target;
            }
            now = settle;
        }
        now.accept(target, path);
        return target;
    }

    /** The results arrived: {@code settle} gives each waiting capability (and every later one) its target. */
    void arrived(BiConsumer<PromisedTarget, int[]> settleEach) {
        List<Taker> takers;
        synchronized (this) {
            settle = settleEach;
            takers = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (Taker taker : takers) {
            settleEach.accept(taker.target(), taker.path());
        }
    }
}
