package org.btcmp.ipc.capnp.proxy;

import java.util.Map;
import java.util.WeakHashMap;
import org.btcmp.ipc.capnp.rpc.Capability;

/**
 * What one Java thread knows about its IPC (libmultiprocess's thread context): its mailbox, itself as
 * a Thread capability for callbacks, and per connection the peer's server thread its calls run on.
 * While the thread serves a call, callbacks to that call's connection go to the caller's own thread
 * (the Context's callbackThread) instead.
 */
final class ThreadContext {
    private static final ThreadLocal<ThreadContext> CURRENT = ThreadLocal.withInitial(ThreadContext::new);

    final Mailbox mailbox;
    private final ThreadServer self;
    private Capability selfCap;
    private final Map<ProxyConnection, Capability> serverThreads = new WeakHashMap<>();
    private final Map<ProxyConnection, Capability> callbackThreads = new WeakHashMap<>();

    private ThreadContext() {
        this(Mailbox.ofCurrentThread(), null);
    }

    private ThreadContext(Mailbox mailbox, ThreadServer self) {
        this.mailbox = mailbox;
        this.self = self != null ? self : new ThreadServer(mailbox, Thread.currentThread().getName(), false);
    }

    static ThreadContext current() {
        return CURRENT.get();
    }

    /** Makes the calling thread (a server thread just started) use {@code mailbox}, addressed as {@code self}. */
    static void adopt(Mailbox mailbox, ThreadServer self) {
        CURRENT.set(new ThreadContext(mailbox, self));
    }

    /** This thread as a capability, for the peer to address callbacks to. */
    Capability callbackThread() {
        if (selfCap == null) {
            selfCap = Capability.of(self);
        }
        return selfCap;
    }

    /** The peer's thread this thread's calls on {@code connection} go to: the caller's while serving it, else its own. */
    Capability serverThread(ProxyConnection connection) {
        Capability callback = callbackThreads.get(connection);
        if (callback != null) {
            return callback;
        }
        Capability thread = serverThreads.get(connection);
        if (thread == null) {
            thread = connection.makeThread(Thread.currentThread().getName());
            serverThreads.put(connection, thread);
        }
        return thread;
    }

    /** While serving a call from {@code connection}: callbacks go to {@code callbackThread}; returns what was set before. */
    Capability enterCall(ProxyConnection connection, Capability callbackThread) {
        return callbackThread == null ? callbackThreads.get(connection) : callbackThreads.put(connection, callbackThread);
    }

    void exitCall(ProxyConnection connection, Capability previous) {
        if (previous == null) {
            callbackThreads.remove(connection);
        } else {
            callbackThreads.put(connection, previous);
        }
    }
}
