package org.btcmp.ipc.capnp.proxy;

import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.btcmp.ipc.capnp.rpc.RemotePromise;
import org.btcmp.ipc.capnp.rpc.Request;
import org.btcmp.ipc.capnp.rpc.Response;
import org.btcmp.ipc.capnp.rpc.RpcException;

/**
 * One call as a generated client makes it: params written, the calling thread's Context added, sent;
 * while the thread waits for the answer it serves callbacks addressed to it.
 */
public final class ClientCall implements AutoCloseable {
    private final ProxyConnection connection;
    private final Request request;
    private final RawStruct.Builder params;
    private final Side paramSide;
    private final ThreadContext thread = ThreadContext.current();
    private Response response;
    private Side resultSide;

    ClientCall(ProxyConnection connection, Request request, int dataWords, int pointers, int contextOffset) {
        this.connection = connection;
        this.request = request;
        // The results are read at once (capabilities taken), so the Finish may ride with the next message.
        request.letFinishWait();
        this.params = request.params().initAs(RawStruct.factory(dataWords, pointers));
        this.paramSide = new Side(connection, new CapTable() {
            @Override
            public int add(Capability cap) {
                return request.addCap(cap);
            }

            @Override
            public Capability get(int index) {
                throw new IllegalStateException("params being written have no capabilities to read");
            }
        }, false);
        if (contextOffset >= 0) {
            RawStruct.Builder context = params.initStruct(contextOffset, 0, 2);
            context.setCap(0, request.addCap(thread.serverThread(connection)));
            context.setCap(1, request.addCap(thread.callbackThread()));
        }
    }

    public RawStruct.Builder params() {
        return params;
    }

    public Side paramSide() {
        return paramSide;
    }

    /**
     * Sends the call and waits, serving callbacks, for the results.
     *
     * @throws org.btcmp.ipc.IpcException if the connection fails
     * @throws RuntimeException the remote exception, re-created or as a RemoteException
     */
    public RawStruct.Reader send() {
        RemotePromise promise = request.send();
        try {
            thread.mailbox.await(promise.asFuture());
            response = promise.join();
        } catch (RpcException e) {
            throw RemoteExceptions.toJava(e);
        }
        resultSide = new Side(connection, new CapTable() {
            @Override
            public int add(Capability cap) {
                throw new IllegalStateException("received results take no capabilities");
            }

            @Override
            public Capability get(int index) {
                return response.cap(index);
            }
        }, true);
        return response.content().getAs(RawStruct.ANY);
    }

    public Side resultSide() {
        return resultSide;
    }

    @Override
    public void close() {
        if (response != null) {
            response.close();
        }
    }
}
