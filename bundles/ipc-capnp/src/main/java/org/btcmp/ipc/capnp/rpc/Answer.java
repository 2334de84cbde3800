package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayList;
import java.util.List;
import org.capnproto.AnyPointer;

/**
 * A call (or bootstrap) the peer sent us. It stays in the table until we have returned and the peer
 * has sent Finish; until then its results stay readable so pipelined calls can find their targets.
 */
final class Answer {
    final int id;
    boolean returned;
    boolean finished;
    CallContext context;
    /** The peer's Call said sendResultsTo.yourself: the results stay here for a Return of its to take. */
    boolean resultsToSelf;
    /** A Return of the peer's has taken these results (takeFromOtherQuestion). */
    boolean taken;
    AnyPointer.Reader results;
    List<Capability> resultCaps = new ArrayList<>();
    RpcException failure;
    int[] resultExports = new int[0];
    /** Calls addressed to these results before they existed, run in order once they do. */
    final List<Runnable> pipelined = new ArrayList<>();
    /** Our own handles of these results' capabilities, taken before they existed (receiverAnswer). */
    final List<AnswerTarget> waiters = new ArrayList<>();

    Answer(int id) {
        this.id = id;
    }

    /** The target the results hold at {@code path}: null for a null capability. Only once returned. */
    CapTarget resolve(int[] path) {
        if (failure != null) {
            return new BrokenTarget(failure);
        }
        if (results == null) {
            return new BrokenTarget(new RpcException(RpcException.Type.FAILED, "the call was canceled"));
        }
        int index = Response.capIndex(results, path);
        if (index < 0) {
            return null;
        }
        if (index >= resultCaps.size()) {
            throw new RpcException(RpcException.Type.FAILED, "pipelined path leads to capability " + index
                    + " of a cap table of " + resultCaps.size());
        }
        Capability cap = resultCaps.get(index);
        return cap == null ? null : cap.target;
    }

    void releaseResultCaps() {
        for (Capability cap : resultCaps) {
            if (cap != null) {
                cap.close();
            }
        }
        resultCaps = new ArrayList<>();
    }
}
