package org.btcmp.wallet.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.ConnectionListener;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;
import org.btcmp.ipc.Transport;
import org.junit.jupiter.api.Test;

class DynamicNodeLinkTest {

    /** A transport whose connections hand out one Init and record being closed. */
    private static final class FakeTransport implements Transport {
        final Init init = () -> { throw new AssertionError("not called"); };
        final List<FakeConnection> connections = new ArrayList<>();
        final List<IpcAddress> connectedTo = new ArrayList<>();
        final String scheme;

        FakeTransport(String scheme) {
            this.scheme = scheme;
        }

        @Override
        public String scheme() {
            return scheme;
        }

        @Override
        public Server serve(IpcAddress address, Init init) {
            throw new IpcException("not used");
        }

        @Override
        public Connection connect(IpcAddress address) {
            connectedTo.add(address);
            FakeConnection connection = new FakeConnection(init);
            connections.add(connection);
            return connection;
        }
    }

    private static final class FakeConnection implements Connection {
        final Init init;
        boolean open = true;

        FakeConnection(Init init) {
            this.init = init;
        }

        @Override
        public Init remoteInit() {
            return init;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void addListener(ConnectionListener listener) {
        }

        @Override
        public void close() {
            open = false;
        }
    }

    private final DynamicNodeLink link = new DynamicNodeLink();

    @Test
    void withoutATransportCallsFailWithIpcException() {
        assertFalse(link.transportAvailable());
        IpcException e = assertThrows(IpcException.class, link::node);
        assertTrue(e.getMessage().contains("no IPC transport"), e.getMessage());
    }

    @Test
    void connectsOnceAndReusesTheConnection() {
        FakeTransport local = new FakeTransport("local");
        link.setTransport(local);
        assertTrue(link.transportAvailable());
        assertSame(local.init, link.node());
        assertSame(local.init, link.node());
        assertEquals(1, link.connectionsMade());
        assertEquals(List.of(IpcAddress.local("node")), local.connectedTo);
    }

    @Test
    void followsTheTransportAcrossASwapKeepingItsState() {
        FakeTransport first = new FakeTransport("local");
        link.setTransport(first);
        link.node();

        link.unsetTransport(first);
        assertFalse(first.connections.get(0).open, "the old transport's connection is closed");
        assertThrows(IpcException.class, link::node);

        FakeTransport second = new FakeTransport("local");
        link.setTransport(second);
        assertSame(second.init, link.node());
        assertEquals(2, link.connectionsMade());
    }

    @Test
    void aGreedyReplacementBindsTheNewBeforeUnbindingTheOld() {
        FakeTransport first = new FakeTransport("local");
        FakeTransport better = new FakeTransport("local");
        link.setTransport(first);
        link.node();
        link.setTransport(better);
        link.unsetTransport(first);
        assertSame(better.init, link.node());
        assertEquals(2, link.connectionsMade());
    }

    @Test
    void aConnectionThatEndedIsReplaced() {
        FakeTransport local = new FakeTransport("local");
        link.setTransport(local);
        link.node();
        local.connections.get(0).close();
        link.node();
        assertEquals(2, link.connectionsMade());
    }

    @Test
    void theNodeAddressIsConfigurableAndCheckedAgainstTheTransport() {
        link.activate(Map.of(DynamicNodeLink.NODE_ADDRESS_PROPERTY, "unix:/tmp/regtest/node.sock"));
        FakeTransport local = new FakeTransport("local");
        link.setTransport(local);
        assertFalse(link.transportAvailable());
        IpcException e = assertThrows(IpcException.class, link::node);
        assertTrue(e.getMessage().contains("unix:/tmp/regtest/node.sock"), e.getMessage());

        FakeTransport unix = new FakeTransport("unix");
        link.setTransport(unix);
        link.node();
        assertEquals(List.of(IpcAddress.parse("unix:/tmp/regtest/node.sock")), unix.connectedTo);
    }

    @Test
    void followsTheAddressesTheNodeAdvertisesForEachTransport() {
        IpcAddress socket = IpcAddress.parse("unix:/tmp/regtest/node.sock");
        Server advertised = new Server() {
            @Override
            public IpcAddress address() {
                return socket;
            }

            @Override
            public void close() {
            }
        };
        link.activate(Map.of());
        FakeTransport unix = new FakeTransport("unix");
        link.setTransport(unix);
        assertFalse(link.transportAvailable(), "the node serves nothing this transport reaches yet");

        link.addNodeServer(advertised);
        assertTrue(link.transportAvailable());
        assertEquals(socket, link.nodeAddress());
        link.node();
        assertEquals(List.of(socket), unix.connectedTo);

        FakeTransport local = new FakeTransport("local");
        link.setTransport(local);
        link.unsetTransport(unix);
        assertEquals(IpcAddress.local("node"), link.nodeAddress(), "in-process again");
        link.node();
        assertEquals(List.of(IpcAddress.local("node")), local.connectedTo);

        link.removeNodeServer(advertised);
        link.setTransport(unix);
        assertThrows(IpcException.class, link::node, "no socket advertised any more");
    }
}
