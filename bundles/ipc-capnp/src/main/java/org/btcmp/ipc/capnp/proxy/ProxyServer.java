package org.btcmp.ipc.capnp.proxy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.rpc.CallContext;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.LocalServers;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.btcmp.ipc.capnp.rpc.RpcException;
import org.btcmp.ipc.capnp.rpc.Server;

/**
 * The base of generated proxy servers: serves a local Java object to the peer. Methods with a Context
 * run on the server thread the Context names (made by this side's ThreadMap for one client thread), with
 * callbacks to the caller routed to the caller's own thread; the others (construct, placeholders) are
 * answered directly. An owned object (one the peer received as a result) is closed by destroy, or when
 * the peer lets go of it.
 */
public abstract class ProxyServer<T> implements Server {
    private static final ExecutorService RELEASES = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "capnp-proxy-release");
        thread.setDaemon(true);
        return thread;
    });

    protected final ProxyConnection connection;
    protected final T impl;
    private final boolean owned;
    private final long interfaceId;
    private final AtomicBoolean destroyed = new AtomicBoolean();

    protected ProxyServer(ProxyConnection connection, T impl, boolean owned, long interfaceId) {
        this.connection = connection;
        this.impl = impl;
        this.owned = owned;
        this.interfaceId = interfaceId;
    }

    /** The Context's pointer index in method {@code methodId}'s params; -1 if it has none. */
    protected abstract int contextOffset(int methodId);

    /** Serves method {@code methodId}: reads the params, calls the object, writes the results. */
    protected abstract void serve(int methodId, ServerCall call) throws Exception;

    /** Never waits: mapped calls are handed to their thread and deferred, the others answer at once. */
    @Override
    public final boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
        return true;
    }

    @Override
    public final void dispatch(long interfaceId, short methodId, CallContext context) throws Exception {
        if (interfaceId != this.interfaceId) {
            throw Server.unimplemented(interfaceId, methodId);
        }
        int contextOffset = contextOffset(methodId);
        ServerCall call = new ServerCall(connection, context);
        if (contextOffset < 0) {
            serve(methodId, call);
            return;
        }
        RawStruct.Reader ctx = call.params().getStruct(contextOffset);
        if (ctx == null) {
            throw new RpcException(RpcException.Type.FAILED, "method " + methodId + " needs a Context");
        }
        Capability threadCap = context.paramCap(ctx.getCap(0));
        Capability callbackThread = context.paramCap(ctx.getCap(1));
        // The rpc thread goes back to the connection; the mapped thread completes the call. The thread
        // may be the pipelined result of the peer's makeThread, still running here: then the call is
        // handed over once that has returned.
        context.defer();
        if (threadCap == null) {
            failUnmapped(context, null, callbackThread);
            return;
        }
        LocalServers.whenSettled(threadCap).whenComplete((server, failure) -> {
            if (server instanceof ThreadServer thread) {
                connection.retainCallbackThread(callbackThread);
                post(thread, methodId, call, context, threadCap, callbackThread);
            } else {
                failUnmapped(context, threadCap, callbackThread);
            }
        });
    }

    private static void failUnmapped(CallContext context, Capability threadCap, Capability callbackThread) {
        closeAll(threadCap, callbackThread);
        context.fail(new RpcException(RpcException.Type.FAILED,
                "Context.thread is not a thread this process's ThreadMap made"));
    }

    private static void closeAll(Capability threadCap, Capability callbackThread) {
        if (threadCap != null) {
            threadCap.close();
        }
        if (callbackThread != null) {
            callbackThread.close();
        }
    }

    /** Has {@code thread} serve the call, with callbacks to the caller going to {@code callbackThread}. */
    private void post(ThreadServer thread, int methodId, ServerCall call, CallContext context, Capability threadCap,
            Capability callbackThread) {
        Mailbox.Call task = new Mailbox.Call() {
            @Override
            public void run() {
                ThreadContext here = ThreadContext.current();
                Capability previous = here.enterCall(connection, callbackThread);
                Throwable failure = null;
                try {
                    serve(methodId, call);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    here.exitCall(connection, previous);
                    closeAll(threadCap, callbackThread);
                }
                if (failure == null) {
                    context.complete();
                } else {
                    context.fail(RemoteExceptions.forCaller(failure));
                }
            }

            @Override
            public void abandon() {
                closeAll(threadCap, callbackThread);
                context.fail(new IpcException("the server thread ended before serving the call"));
            }
        };
        if (!thread.mailbox.post(task)) {
            task.abandon();
        }
    }

    /** destroy: closes an owned object once. */
    protected final void destroy() throws Exception {
        if (owned && destroyed.compareAndSet(false, true) && impl instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** Init.construct: keeps the peer's ThreadMap and answers with this side's. */
    protected final void construct(ServerCall call) {
        connection.peerThreadMap(call.paramCap(call.params().getCap(0)));
        RawStruct.Builder results = call.initResults(0, 1);
        results.setCap(0, call.addResultCap(connection.localThreadMap()));
    }

    /** A placeholder method: its interface has no schema here yet. */
    protected static RpcException placeholder(String what) {
        return new RpcException(RpcException.Type.FAILED, what + " is not served: its schema is a placeholder in btcmp");
    }

    @Override
    public final void released() {
        if (owned && !destroyed.get()) {
            // Not on the connection's reader thread: close() may call the peer.
            RELEASES.execute(() -> {
                try {
                    destroy();
                } catch (Exception e) {
                    // The peer let go; nobody is left to tell.
                }
            });
        }
    }
}
