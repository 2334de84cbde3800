package org.btcmp.node.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntConsumer;

/** Reports every read that returns data (with its byte count), so a peer sending slowly mid-message is not taken for idle. */
final class ActivityInputStream extends FilterInputStream {
    private final IntConsumer onData;

    ActivityInputStream(InputStream in, IntConsumer onData) {
        super(in);
        this.onData = onData;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            onData.accept(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            onData.accept(n);
        }
        return n;
    }
}
