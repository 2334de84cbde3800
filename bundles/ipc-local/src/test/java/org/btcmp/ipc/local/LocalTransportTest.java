package org.btcmp.ipc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;
import org.junit.jupiter.api.Test;

class LocalTransportTest {
    private static final IpcAddress NODE = IpcAddress.local("node");

    private final LocalTransport transport = new LocalTransport();
    private final Init init = () -> new Echo() {
        @Override
        public String echo(String message) {
            return message;
        }

        @Override
        public void close() {
        }
    };

    @Test
    void connectHandsOverTheServedInitItself() {
        transport.serve(NODE, init);
        try (Connection connection = transport.connect(NODE)) {
            assertSame(init, connection.remoteInit());
            assertEquals("hello", connection.remoteInit().makeEcho().echo("hello"));
        }
    }

    @Test
    void anAddressIsServedOnceUntilItsServerCloses() {
        Server server = transport.serve(NODE, init);
        IpcException taken = assertThrows(IpcException.class, () -> transport.serve(NODE, init));
        assertTrue(taken.getMessage().contains("local:node"), taken.getMessage());
        server.close();
        assertThrows(IpcException.class, () -> transport.connect(NODE));
        transport.serve(NODE, init).close();
    }

    @Test
    void closingTheServerEndsItsConnectionsSoOnlyTheNextInitIsReached() {
        Server first = transport.serve(NODE, init);
        Connection old = transport.connect(NODE);
        List<IpcException> heard = new ArrayList<>();
        old.addListener(heard::add);

        first.close(); // what the server's owner does when the Init it served goes away

        assertEquals(List.of("local:node is no longer served"), heard.stream().map(Throwable::getMessage).toList());
        assertFalse(old.isOpen());
        IpcException e = assertThrows(IpcException.class, old::remoteInit);
        assertEquals("connection ended: local:node is no longer served", e.getMessage());
        Init next = () -> null;
        transport.serve(NODE, next);
        try (Connection fresh = transport.connect(NODE)) {
            assertSame(next, fresh.remoteInit());
        }
        assertEquals(1, heard.size(), "the old connection ended once");
    }

    @Test
    void connectingToNobodyNamesTheAddress() {
        IpcException e = assertThrows(IpcException.class, () -> transport.connect(IpcAddress.local("wallet")));
        assertEquals("nothing is served at local:wallet", e.getMessage());
    }

    @Test
    void otherSchemesAreRefused() {
        IpcAddress unix = IpcAddress.parse("unix:/tmp/node.sock");
        assertFalse(transport.supports(unix));
        assertThrows(IpcException.class, () -> transport.connect(unix));
        assertThrows(IpcException.class, () -> transport.serve(unix, init));
    }

    @Test
    void stoppingEndsEveryConnectionExactlyOnceAndRefusesNewWork() {
        transport.serve(NODE, init);
        Connection connection = transport.connect(NODE);
        List<IpcException> heard = new ArrayList<>();
        connection.addListener(heard::add);

        transport.deactivate();

        assertEquals(1, heard.size());
        assertEquals("local transport stopped", heard.get(0).getMessage());
        assertFalse(connection.isOpen());
        assertThrows(IpcException.class, connection::remoteInit);
        assertThrows(IpcException.class, () -> transport.connect(NODE));
        assertThrows(IpcException.class, () -> transport.serve(NODE, init));

        connection.close(); // already ended: no second notification
        assertEquals(1, heard.size());
        List<IpcException> late = new ArrayList<>();
        connection.addListener(late::add);
        assertEquals(1, late.size(), "a listener added after the end hears of it at once");
    }

    @Test
    void closingAConnectionNotifiesOnce() {
        transport.serve(NODE, init);
        Connection connection = transport.connect(NODE);
        List<IpcException> heard = new ArrayList<>();
        connection.addListener(heard::add);
        connection.close();
        connection.close();
        assertEquals(1, heard.size());
        assertEquals("connection closed", heard.get(0).getMessage());
    }
}
