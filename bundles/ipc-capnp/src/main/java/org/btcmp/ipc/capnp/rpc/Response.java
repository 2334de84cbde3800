package org.btcmp.ipc.capnp.rpc;

import java.util.List;
import org.btcmp.ipc.capnp.wire.Frame;
import org.capnproto.AnyPointer;

/**
 * A call's results: readable until closed. Closing gives back the received frame, lets go of the
 * result capabilities nobody took, and finishes the question once no pipelined capability needs it.
 */
public final class Response implements AutoCloseable {
    private final AnyPointer.Reader content;
    private final List<Capability> caps;
    private final Frame frame;
    private final Runnable onClose;
    private boolean closed;

    Response(AnyPointer.Reader content, List<Capability> caps, Frame frame, Runnable onClose) {
        this.content = content;
        this.caps = caps;
        this.frame = frame;
        this.onClose = onClose;
    }

    public AnyPointer.Reader content() {
        return content;
    }

    MessageContent messageContent() {
        return new MessageContent(frame, caps);
    }

    public RawStruct.Reader struct() {
        return content.getAs(RawStruct.ANY);
    }

    /** A handle (for the caller to close) of result capability {@code index}; null for a null capability. */
    public Capability cap(int index) {
        if (index < 0) {
            return null;
        }
        if (index >= caps.size()) {
            throw new RpcException(RpcException.Type.FAILED,
                    "results have no capability " + index + " (cap table of " + caps.size() + ")");
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the results were closed");
            }
            Capability cap = caps.get(index);
            return cap == null ? null : cap.duplicate(); // before close() can let go of it
        }
    }

    /** The capability found by following pointer fields {@code path} from the results (a handle to close). */
    public Capability capAt(int... path) {
        return cap(capIndex(content, path));
    }

    /** Follows {@code path} through struct pointer fields to a capability pointer's cap-table index. */
    static int capIndex(AnyPointer.Reader root, int... path) {
        AnyPointer.Reader pointer = root;
        for (int field : path) {
            if (pointer.isNull()) {
                return -1;
            }
            pointer = pointer.getAs(RawStruct.ANY).pointer(field);
        }
        return pointer.getAs(CapPointer.READER).index();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (Capability cap : caps) {
            if (cap != null) {
                cap.close();
            }
        }
        if (frame != null) {
            frame.close();
        }
        onClose.run();
    }
}
