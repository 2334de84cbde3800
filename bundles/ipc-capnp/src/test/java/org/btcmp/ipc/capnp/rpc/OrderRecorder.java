package org.btcmp.ipc.capnp.rpc;

import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.CALL;
import static org.btcmp.ipc.capnp.rpc.RpcTestSchema.CALLBACK;

import java.util.ArrayList;
import java.util.List;

/**
 * A Callback that notes the text of each call as the call starts, then takes {@code busyMs} before it
 * answers the text back: a slow object, so that calls which could overtake each other would. With
 * no busy time it says it dispatches without blocking, so its calls run on the reading thread.
 */
final class OrderRecorder implements Server {
    private final int busyMs;
    private final List<String> started = new ArrayList<>();

    OrderRecorder(int busyMs) {
        this.busyMs = busyMs;
    }

    @Override
    public void dispatch(long interfaceId, short methodId, CallContext context) throws InterruptedException {
        if (interfaceId != CALLBACK || methodId != CALL) {
            throw Server.unimplemented(interfaceId, methodId);
        }
        String text = context.paramsStruct().getText(0);
        synchronized (this) {
            started.add(text);
        }
        if (busyMs > 0) {
            Thread.sleep(busyMs);
        }
        context.initResults(0, 1).setText(0, text);
    }

    @Override
    public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
        return busyMs == 0;
    }

    synchronized List<String> started() {
        return new ArrayList<>(started);
    }
}
