package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.ipc.capnp.rpc.schema.RpcProtocol;
import org.capnproto.AnyPointer;
import org.capnproto.MessageBuilder;

/**
 * One call as its server sees it: the params (valid until the method returns), the results being
 * written straight into the Return message, and whether the caller has cancelled.
 */
public final class CallContext {
    private final AnyPointer.Reader params;
    private final List<Capability> paramCaps;
    final MessageBuilder resultMessage = new MessageBuilder(Messages.CALL_WORDS);
    final RpcProtocol.Return.Builder ret;
    final List<Capability> resultCaps = new ArrayList<>();
    private volatile boolean canceled;

    CallContext(AnyPointer.Reader params, List<Capability> paramCaps) {
        this.params = params;
        this.paramCaps = paramCaps;
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

    /** Adds {@code cap} (or null) to the results' cap table; the context takes its own handle. */
    public int addResultCap(Capability cap) {
        resultCaps.add(cap == null ? null : cap.duplicate());
        return resultCaps.size() - 1;
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
