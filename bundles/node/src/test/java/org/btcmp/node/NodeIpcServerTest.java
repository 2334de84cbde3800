package org.btcmp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;
import org.btcmp.ipc.Transport;
import org.junit.jupiter.api.Test;

class NodeIpcServerTest {

    /** Records serve calls; connect is not needed here. */
    private static final class RecordingTransport implements Transport {
        final String scheme;
        final Map<IpcAddress, Init> served = new HashMap<>();
        final List<IpcAddress> closed = new ArrayList<>();

        RecordingTransport(String scheme) {
            this.scheme = scheme;
        }

        @Override
        public String scheme() {
            return scheme;
        }

        @Override
        public Server serve(IpcAddress address, Init init) {
            served.put(address, init);
            return new Server() {
                @Override
                public IpcAddress address() {
                    return address;
                }

                @Override
                public void close() {
                    closed.add(address);
                }
            };
        }

        @Override
        public Connection connect(IpcAddress address) {
            throw new IpcException("not used");
        }
    }

    @Test
    void servesTheNodeInitOnSupportingTransportsAndStopsWithThem() {
        NodeInit init = new NodeInit();
        NodeIpcServer server = new NodeIpcServer(init);
        RecordingTransport local = new RecordingTransport("local");
        RecordingTransport other = new RecordingTransport("unix");

        server.bindTransport(local);
        server.bindTransport(other);
        assertEquals(Map.of(IpcAddress.local("node"), init), local.served);
        assertTrue(other.served.isEmpty(), "an address the transport cannot reach is not served there");

        server.unbindTransport(local);
        assertEquals(List.of(IpcAddress.local("node")), local.closed);
        server.deactivate();
        assertEquals(1, local.closed.size(), "an unbound transport's server is not closed twice");
    }

    @Test
    void echoReturnsItsArgumentUntilDestroyed() {
        Echo echo = new NodeInit().makeEcho();
        assertEquals("hello", echo.echo("hello"));
        assertEquals("", echo.echo(""));
        echo.close();
        assertThrows(IllegalStateException.class, () -> echo.echo("again"));
    }
}
