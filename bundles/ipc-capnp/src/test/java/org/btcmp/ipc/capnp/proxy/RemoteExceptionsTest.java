package org.btcmp.ipc.capnp.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.RemoteException;
import org.btcmp.ipc.capnp.rpc.RpcException;
import org.junit.jupiter.api.Test;

/** What a caller sees for each kind of failed call: the allow-list, and IPC failures. */
class RemoteExceptionsTest {
    private static RuntimeException seen(String reason) {
        return RemoteExceptions.toJava(new RpcException(RpcException.Type.FAILED, reason));
    }

    @Test
    void runtimeExceptionsOfJavaLangAndJavaUtilAreRecreatedWithTheirMessage() {
        RuntimeException e = seen("java.lang.IllegalStateException: closed");
        assertEquals(IllegalStateException.class, e.getClass());
        assertEquals("closed", e.getMessage());
        assertEquals(java.util.NoSuchElementException.class, seen("java.util.NoSuchElementException: none").getClass());
        assertEquals(UnsupportedOperationException.class, seen("java.lang.UnsupportedOperationException").getClass());
        assertNull(seen("java.lang.UnsupportedOperationException").getMessage());
        assertEquals("a: b", seen("java.lang.IllegalArgumentException: a: b").getMessage());
    }

    @Test
    void otherTypesAreNamedNotLoaded() {
        RemoteException io = assertInstanceOf(RemoteException.class, seen("java.io.UncheckedIOException: disk"));
        assertEquals("java.io.UncheckedIOException", io.remoteType());
        assertEquals("disk", io.remoteMessage());
        // On the allow-listed packages but not a runtime exception, or not a class at all.
        assertEquals("java.lang.OutOfMemoryError", assertInstanceOf(RemoteException.class,
                seen("java.lang.OutOfMemoryError: heap")).remoteType());
        assertEquals("java.lang.NoSuchClassAnywhere", assertInstanceOf(RemoteException.class,
                seen("java.lang.NoSuchClassAnywhere: x")).remoteType());
        assertEquals(PeerBoom.class.getName(), assertInstanceOf(RemoteException.class,
                seen(PeerBoom.class.getName() + ": boom")).remoteType());
        assertNull(System.getProperty("peerboom.initialized"));
    }

    @Test
    void aReasonThatNamesNoJavaTypeIsKeptWhole() {
        RemoteException e = assertInstanceOf(RemoteException.class, seen("remote exception: std::runtime_error: bad"));
        assertEquals("capnp.Exception", e.remoteType());
        assertEquals("remote exception: std::runtime_error: bad", e.remoteMessage());
    }

    @Test
    void anExceptionWithACodeKeepsIt() {
        Throwable sent = RemoteExceptions.forCaller(new org.btcmp.interfaces.RpcCommand.RpcError(-8, "bad: params"));
        RuntimeException e = RemoteExceptions.toJava(assertInstanceOf(RpcException.class, sent));
        org.btcmp.interfaces.RpcCommand.RpcError error = assertInstanceOf(org.btcmp.interfaces.RpcCommand.RpcError.class, e);
        assertEquals(-8, error.code());
        assertEquals("bad: params", error.getMessage());
        IllegalStateException plain = new IllegalStateException("x");
        assertEquals(plain, RemoteExceptions.forCaller(plain));
    }

    @Test
    void protocolLevelFailuresAreIpcExceptions() {
        RuntimeException e = RemoteExceptions.toJava(new RpcException(RpcException.Type.UNIMPLEMENTED, "method 9"));
        assertInstanceOf(IpcException.class, e);
        assertInstanceOf(IpcException.class,
                RemoteExceptions.toJava(new RpcException(RpcException.Type.DISCONNECTED, "gone")));
    }
}
