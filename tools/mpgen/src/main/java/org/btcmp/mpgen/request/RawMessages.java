package org.btcmp.mpgen.request;

import java.nio.ByteBuffer;
import org.btcmp.mpgen.schema.RawPointer;
import org.capnproto.AnyPointer;
import org.capnproto.MessageBuilder;

/** Encodes pointer values as a single segment whose first word points at the value. */
public final class RawMessages {
    private RawMessages() {
    }

    /** The segment's bytes; generated code embeds them to serve struct and list defaults. */
    public static byte[] encodeRoot(RawPointer value) {
        MessageBuilder message = new MessageBuilder(1 << 20);
        RawWriter.write(message.getRoot(AnyPointer.factory), value);
        ByteBuffer[] segments = message.getSegmentsForOutput();
        if (segments.length != 1) {
            throw new IllegalArgumentException("value too large for one segment");
        }
        ByteBuffer b = segments[0];
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return bytes;
    }
}
