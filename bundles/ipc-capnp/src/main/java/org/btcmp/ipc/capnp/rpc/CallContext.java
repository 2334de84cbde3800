package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.btcmp.ipc.capnp.rpc.schema.RpcProtocol;
import org.btcmp.ipc.capnp.wire.Frame;
import org.capnproto.AnyPointer;
import org.capnproto.MessageBuilder;

/**
 * One call as its server sees it: the params (valid until the call completes), the results being
 * written straight into the Return message, and whether the caller has cancelled.
 *
 * <p>A call completes when {@link Server#dispatch} returns (results) or throws (the exception), unless
 * the method called {@link #defer}: then it completes exactly once, later, through {@link #complete}
 * or {@link #fail}, from any thread. Until then the params and their capabilities stay valid.
 */
public final class CallContext {
    private static final int RUNNING = 0;
    private static final int DEFERRED = 1;
    private static final int DONE = 2;

    /** How the call's runner sends its outcome: {@code failure} null for the results. */
    interface Completion {
        void done(Throwable failure);
    }

    /** The method a runner calls: a {@link Server#dispatch} bound to its target and method. */
    interface Dispatch {
        void run(CallContext context) throws Exception;
    }

    private final AnyPointer.Reader params;
    private final List<Capability> paramCaps;
    private final MessageContent paramContent;
    final MessageBuilder resultMessage = new MessageBuilder(Messages.CALL_WORDS);
    final RpcProtocol.Return.Builder ret;
    final List<Capability> resultCaps = new ArrayList<>();
    private volatile boolean canceled;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private Completion completion;

    /** @param paramFrame the received frame holding the params; null for params built in this process */
    CallContext(AnyPointer.Reader params, List<Capability> paramCaps, Frame paramFrame) {
        this.params = params;
        this.paramCaps = paramCaps;
        this.paramContent = new MessageContent(paramFrame, paramCaps);
        this.ret = resultMessage.initRoot(RpcProtocol.Message.factory).initReturn();
        ret.setReleaseParamCaps(false);
        ret.initResults();
    }

    public AnyPointer.Reader params() {
        return params;
    }

    public RawStruct.Reader paramsStruct() {
        return params.getAs(RawStruct.ANY);
    }

    /**
     * A handle of the params' capability at {@code index} for the caller to keep (and close); null for
     * a null capability. The params' own handles go when the method returns.
     */
    public Capability paramCap(int index) {
        if (index < 0) {
            return null;
        }
        if (index >= paramCaps.size()) {
            throw new RpcException(RpcException.Type.FAILED, "params have no capability " + index
                    + " (cap table of " + paramCaps.size() + ")");
        }
        Capability cap = paramCaps.get(index);
        return cap == null ? null : cap.duplicate();
    }

    public AnyPointer.Builder results() {
        return ret.getResults().getContent();
    }

    public RawStruct.Builder initResults(int dataWords, int pointers) {
        return results().initAs(RawStruct.factory(dataWords, pointers));
    }

    /**
     * Copies {@code from}, the params or a part of them, to {@code to}, the results or a part of them,
     * capabilities included (they are added to the results' cap table).
     *
     * @throws org.capnproto.DecodeException if the params are malformed
     */
    public void copyParamsToResults(AnyPointer.Reader from, AnyPointer.Builder to) {
        paramContent.copyTo(from, to, this::addResultCap);
    }

    /**
     * Copies {@code from}, a part of {@code response}'s results, to {@code to}, a part of these
     * results, capabilities included.
     *
     * @throws org.capnproto.DecodeException if the response is malformed
     */
    public void copyToResults(Response response, AnyPointer.Reader from, AnyPointer.Builder to) {
        response.messageContent().copyTo(from, to, this::addResultCap);
    }

    MessageContent paramContent() {
        return paramContent;
    }

    /** Adds {@code cap} (or null) to the results' cap table; the context takes its own handle. */
    public int addResultCap(Capability cap) {
        resultCaps.add(cap == null ? null : cap.duplicate());
        return resultCaps.size() - 1;
    }

    /**
     * Keeps the call open after {@link Server#dispatch} returns: it completes when {@link #complete} or
     * {@link #fail} is called. Only from within dispatch; calling it twice is harmless.
     *
     * @throws IllegalStateException if the call has already completed
     */
    public void defer() {
        if (!state.compareAndSet(RUNNING, DEFERRED) && state.get() != DEFERRED) {
            throw new IllegalStateException("defer() of a call that has already completed");
        }
    }

    /**
     * Sends the results written so far. Exactly once, after {@link #defer}.
     *
     * @throws IllegalStateException if the call was not deferred or has already completed
     */
    public void complete() {
        finish(null);
    }

    /**
     * Fails the call with {@code error}, as if dispatch had thrown it. Exactly once, after {@link #defer}.
     *
     * @throws IllegalStateException if the call was not deferred or has already completed
     */
    public void fail(Throwable error) {
        finish(Objects.requireNonNull(error, "error"));
    }

    private void finish(Throwable failure) {
        if (!state.compareAndSet(DEFERRED, DONE)) {
            throw new IllegalStateException(state.get() == RUNNING
                    ? "complete() or fail() of a call that was not deferred"
                    : "the call has already completed");
        }
        completion.done(failure);
    }

    /**
     * Runs the method and completes the call with its outcome, unless it deferred: then a later
     * complete() or fail() does, or the method's exception if it throws before either.
     */
    void run(Dispatch dispatch, Completion onDone) {
        completion = onDone;
        Throwable failure = null;
        try {
            dispatch.run(this);
        } catch (Throwable t) {
            failure = t;
        }
        if (state.compareAndSet(RUNNING, DONE) || failure != null && state.compareAndSet(DEFERRED, DONE)) {
            onDone.done(failure);
        }
    }

    /** True once the caller has sent Finish before the results: the method may stop early. */
    public boolean isCanceled() {
        return canceled;
    }

    void cancel() {
        canceled = true;
    }

    void releaseParamCaps() {
        for (Capability cap : paramCaps) {
            if (cap != null) {
                cap.close();
            }
        }
    }

    void releaseResultCaps() {
        for (Capability cap : resultCaps) {
            if (cap != null) {
                cap.close();
            }
        }
        resultCaps.clear();
    }
}
