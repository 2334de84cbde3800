package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.ipc.capnp.rpc.schema.RpcProtocol;
import org.capnproto.AnyPointer;
import org.capnproto.MessageBuilder;

/**
 * A call being built: params are written straight into the outgoing Call message, capabilities in
 * them go through {@link #addCap}. Sent once.
 */
public final class Request {
    private final CapTarget target;
    final MessageBuilder message = new MessageBuilder(Messages.CALL_WORDS);
    final RpcProtocol.Call.Builder call;
    final List<Capability> caps = new ArrayList<>();
    private boolean sent;
    boolean finishMayWait;

    Request(CapTarget target, long interfaceId, short methodId) {
        this.target = target;
        this.call = message.initRoot(RpcProtocol.Message.factory).initCall();
        call.setInterfaceId(interfaceId);
        call.setMethodId(methodId);
    }

    public long interfaceId() {
        return call.getInterfaceId();
    }

    public short methodId() {
        return call.getMethodId();
    }

    /**
     * Lets the Finish of this call, once answered, wait to leave with the next message this connection
     * sends instead of making a write (and a wake-up of the peer) of its own: for callers that take what
     * they need from the results at once (the generated proxies). Until it leaves, the peer keeps its
     * answer; a cancellation (closing the promise unanswered) still leaves at once.
     */
    public void letFinishWait() {
        finishMayWait = true;
    }

    /** The params pointer, to init as any struct. */
    public AnyPointer.Builder params() {
        return call.getParams().getContent();
    }

    /** Inits the params as a struct of the given size. */
    public RawStruct.Builder initParams(int dataWords, int pointers) {
        return params().initAs(RawStruct.factory(dataWords, pointers));
    }

    /**
     * Adds {@code cap} (or null) to the params' cap table and returns its index, to write with
     * {@link RawStruct.Builder#setCap}. The request takes its own handle: the caller keeps theirs.
     */
    public int addCap(Capability cap) {
        caps.add(cap == null ? null : cap.duplicate());
        return caps.size() - 1;
    }

    /**
     * Copies {@code from}, a part of the params of the call {@code context} serves, to {@code to}, a
     * part of these params, capabilities included.
     *
     * @throws org.capnproto.DecodeException if the served call's params are malformed
     */
    public void copyToParams(CallContext context, AnyPointer.Reader from, AnyPointer.Builder to) {
        context.paramContent().copyTo(from, to, this::addCap);
    }

    /**
     * Copies {@code from}, a part of {@code response}'s results, to {@code to}, a part of these
     * params, capabilities included.
     *
     * @throws org.capnproto.DecodeException if the response is malformed
     */
    public void copyToParams(Response response, AnyPointer.Reader from, AnyPointer.Builder to) {
        response.messageContent().copyTo(from, to, this::addCap);
    }

    /** Sends the call; the returned promise owns the answer. */
    public RemotePromise send() {
        if (sent) {
            throw new IllegalStateException("request already sent");
        }
        sent = true;
        return target.send(this);
    }

    /** Lets go of the request's own cap handles once they have been written out (or it failed). */
    void releaseCaps() {
        for (Capability cap : caps) {
            if (cap != null) {
                cap.close();
            }
        }
        caps.clear();
    }
}
