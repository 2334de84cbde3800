package org.btcmp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.init.ProcessControl;
import org.btcmp.common.init.ServerOptions;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;
import org.btcmp.ipc.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIpcServerTest {

    /** Records serve calls; connect is not needed here. */
    private static class RecordingTransport implements Transport {
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
        NodeIpcServer server = new NodeIpcServer(init, null, null);
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
    void servesTheSocketsIpcbindNamesAndReportsOneItCannotBindAsAnInitError(@TempDir Path dataDir) throws Exception {
        Args args = new ArgsParser(ServerOptions.TABLE, false, dataDir).parse(new String[] {"-regtest",
            "-datadir=" + dataDir, "-ipcbind=unix", "-ipcbind=unix:other.sock"});
        List<String> initErrors = new ArrayList<>();
        ProcessControl process = new ProcessControl() {
            @Override
            public void requestShutdown() {
            }

            @Override
            public void initError(String message) {
                initErrors.add(message);
            }
        };
        NodeInit init = new NodeInit();
        NodeIpcServer server = new NodeIpcServer(init, args, process);
        RecordingTransport unix = new RecordingTransport("unix");
        server.bindTransport(unix);
        assertEquals(Map.of(IpcAddress.unix(dataDir.resolve("regtest/node.sock")), init,
                IpcAddress.unix(dataDir.resolve("regtest/other.sock")), init), unix.served);
        assertTrue(initErrors.isEmpty());

        Transport refusing = new RecordingTransport("unix") {
            @Override
            public Server serve(IpcAddress address, Init served) {
                throw new IpcException("another process is listening on " + address.target());
            }
        };
        server.bindTransport(refusing);
        assertEquals(List.of("Unable to bind to IPC address 'unix:" + dataDir.resolve("regtest/node.sock")
                + "': another process is listening on " + dataDir.resolve("regtest/node.sock"),
                "Unable to bind to IPC address 'unix:" + dataDir.resolve("regtest/other.sock")
                + "': another process is listening on " + dataDir.resolve("regtest/other.sock")), initErrors);
        server.deactivate();
    }

    @Test
    void makeChainWithoutARunningNodeSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new NodeInit().makeChain());
        assertEquals("the node is not running: no Chain to give", e.getMessage());
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
