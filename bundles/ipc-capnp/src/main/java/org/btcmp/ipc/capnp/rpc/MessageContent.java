package org.btcmp.ipc.capnp.rpc;

import java.nio.ByteBuffer;
import java.util.List;
import org.btcmp.ipc.capnp.wire.Frame;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.capnproto.AnyPointer;
import org.capnproto.FromPointerReader;
import org.capnproto.SegmentBuilder;
import org.capnproto.SegmentReader;

/**
 * Content that can be copied elsewhere with its capabilities: params or results, which live either in
 * a received frame or in a message built in this process, and the cap table their pointers index.
 */
final class MessageContent {
    private final Frame frame;
    private final List<Capability> caps;

    /** @param frame the received frame the content lives in; null for content built here */
    MessageContent(Frame frame, List<Capability> caps) {
        this.frame = frame;
        this.caps = caps;
    }

    /** A pointer of this content as the copier reads it: the message's segments and where it is. */
    /** Also the limits a walk over the message keeps to: the frame's, or the defaults for a message built here. */
    record Located(ByteBuffer[] segments, int segmentId, int pointer, FrameLimits limits) {
    }

    Located locate(AnyPointer.Reader part) {
        Position position = part.getAs(Position.READER);
        if (position.segment instanceof SegmentBuilder built) {
            List<SegmentBuilder> all = built.getArena().segments;
            ByteBuffer[] segments = new ByteBuffer[all.size()];
            for (int i = 0; i < segments.length; i++) {
                segments[i] = all.get(i).buffer;
            }
            return new Located(segments, built.id, position.pointer, FrameLimits.DEFAULT);
        }
        int id = frame == null ? -1 : frame.segmentIndex(position.segment.buffer);
        if (id < 0) {
            throw new IllegalArgumentException("the pointer to copy is not part of this content's message");
        }
        return new Located(frame.segments(), id, position.pointer, frame.limits());
    }

    /** A new handle (or null) of the content's capability {@code index}. */
    Capability cap(int index) {
        if (index < 0 || index >= caps.size()) {
            throw new RpcException(RpcException.Type.FAILED, "capability pointer " + index
                    + " is outside the cap table of " + caps.size());
        }
        Capability cap = caps.get(index);
        return cap == null ? null : cap.duplicate();
    }

    /** Copies {@code part} of this content to {@code to}, adding its capabilities through {@code addCap}. */
    void copyTo(AnyPointer.Reader part, AnyPointer.Builder to, CapAdder addCap) {
        PointerCopier.copy(locate(part), index -> {
            Capability cap = cap(index);
            if (cap == null) {
                return -1;
            }
            try (cap) {
                return addCap.add(cap);
            }
        }, to);
    }

    /** Adds a capability to a destination's cap table (taking its own handle); returns the index. */
    interface CapAdder {
        int add(Capability cap);
    }

    private record Position(SegmentReader segment, int pointer) {
        static final FromPointerReader<Position> READER = (segment, pointer, nesting) -> new Position(segment, pointer);
    }
}
