package org.btcmp.ipc.capnp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capnp transport behind the ipc-api contract, over a real UNIX socket (both ends in this JVM). */
class CapnpTransportTest {
    @TempDir
    Path dir;
    private final CapnpTransport transport = new CapnpTransport();
    private final List<String> closed = new CopyOnWriteArrayList<>();

    private final Init init = echoing("echo: ");

    @AfterEach
    void stop() {
        transport.deactivate();
    }

    /** An Init whose Echo answers {@code prefix + message} and records its close. */
    private Init echoing(String prefix) {
        return () -> new Echo() {
            @Override
            public String echo(String message) {
                return prefix + message;
            }

            @Override
            public void close() {
                closed.add("echo");
            }
        };
    }

    @Test
    void servesAndConnectsAnInitOnAUnixSocket() {
        IpcAddress address = IpcAddress.unix(dir.resolve("run/node.sock"));
        try (Server server = transport.serve(address, init); Connection connection = transport.connect(address)) {
            assertEquals(address, server.address());
            assertTrue(connection.isOpen());
            try (Echo echo = connection.remoteInit().makeEcho()) {
                assertEquals("echo: hello", echo.echo("hello"));
            }
            assertEquals(List.of("echo"), closed); // close() destroyed the server's object before returning
        }
    }

    @Test
    void theEndIsReportedOnceToEveryListenerAndCallsFailAfterIt() throws Exception {
        IpcAddress address = IpcAddress.unix(dir.resolve("node.sock"));
        try (Server server = transport.serve(address, init)) {
            Connection connection = transport.connect(address);
            Echo echo = connection.remoteInit().makeEcho();
            CountDownLatch ended = new CountDownLatch(1);
            List<IpcException> causes = new CopyOnWriteArrayList<>();
            connection.addListener(cause -> {
                causes.add(cause);
                ended.countDown();
            });
            connection.close();
            assertTrue(ended.await(60, TimeUnit.SECONDS));
            assertFalse(connection.isOpen());
            assertThrows(IpcException.class, () -> echo.echo("late"));
            assertThrows(IpcException.class, connection::remoteInit);
            List<IpcException> late = new CopyOnWriteArrayList<>();
            connection.addListener(late::add);
            assertEquals(1, late.size());
            Thread.sleep(100);
            assertEquals(1, causes.size());
        }
    }

    @Test
    void closingTheServerEndsTheConnectionsItAcceptedSoOnlyTheNextInitIsReached() throws Exception {
        IpcAddress address = IpcAddress.unix(dir.resolve("node.sock"));
        Server first = transport.serve(address, init);
        Connection old = transport.connect(address);
        Echo echo = old.remoteInit().makeEcho();
        assertEquals("echo: before", echo.echo("before"));
        CountDownLatch ended = new CountDownLatch(1);
        old.addListener(cause -> ended.countDown());

        first.close(); // what the server's owner does when the Init it served goes away

        assertTrue(ended.await(60, TimeUnit.SECONDS), "the peer hears the end");
        assertThrows(IpcException.class, () -> echo.echo("after"));
        assertThrows(IpcException.class, old::remoteInit);
        try (Server second = transport.serve(address, echoing("next: ")); Connection fresh = transport.connect(address);
                Echo live = fresh.remoteInit().makeEcho()) {
            assertEquals("next: hello", live.echo("hello"));
        }
    }

    @Test
    void stoppingTheTransportEndsItsConnectionsAndRefusesNewWork() throws Exception {
        IpcAddress address = IpcAddress.unix(dir.resolve("node.sock"));
        transport.serve(address, init);
        Connection connection = transport.connect(address);
        CountDownLatch ended = new CountDownLatch(1);
        connection.addListener(cause -> ended.countDown());
        transport.deactivate();
        assertTrue(ended.await(60, TimeUnit.SECONDS));
        IpcException e = assertThrows(IpcException.class, () -> transport.connect(address));
        assertTrue(e.getMessage().contains("stopped"), e.getMessage());
    }

    @Test
    void otherSchemesAndAbsentSocketsFailWithAClearIpcException() {
        assertFalse(transport.supports(IpcAddress.local("node")));
        assertTrue(transport.supports(IpcAddress.fd(3)));
        IpcException local = assertThrows(IpcException.class, () -> transport.connect(IpcAddress.local("node")));
        assertTrue(local.getMessage().contains("local:node"), local.getMessage());
        Path missing = dir.resolve("nobody.sock");
        IpcException absent = assertThrows(IpcException.class, () -> transport.connect(IpcAddress.unix(missing)));
        assertTrue(absent.getMessage().contains(missing.toString()), absent.getMessage());
    }
}
