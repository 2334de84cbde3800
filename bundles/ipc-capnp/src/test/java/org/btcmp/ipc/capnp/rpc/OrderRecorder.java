package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;

/**
 * A Callback that notes the text of each call as the call starts, then takes {@code busyMs} before it
 * answers the text back: a slow object, so that calls which could overtake each other would. With
 * no busy time it says it dispatches without blocking, so its calls run on the reading thread.
 */
final class OrderRecorder extends Callback.Server {
    private final int busyMs;
    private final List<String> started = new ArrayList<>();

    OrderRecorder(int busyMs) {
        this.busyMs = busyMs;
    }

    @Override
    protected void call(Callback.CallContext context) throws InterruptedException {
        String text = context.params().getText().toString();
        synchronized (this) {
            started.add(text);
        }
        if (busyMs > 0) {
            Thread.sleep(busyMs);
        }
        context.results().setText(text);
    }

    @Override
    public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
        return busyMs == 0;
    }

    synchronized List<String> started() {
        return new ArrayList<>(started);
    }
}
