package org.btcmp.ipc.capnp.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.Server;
import org.btcmp.ipc.capnp.transport.CapnpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The -debug=ipc lines: one per call on each side, naming the schema's interface and method, the
 * thread and the duration; nothing once the sink is removed.
 */
class CallTraceTest {
    private static final Pattern LINE = Pattern.compile("IPC (client|server) Echo\\.echo thread=(.+) \\d+\\.\\d{3} ms");

    @TempDir
    Path dir;

    @Test
    void eachCallIsLoggedOnBothSidesWhileASinkListens() throws Exception {
        Init init = () -> new Echo() {
            @Override
            public String echo(String message) {
                return message;
            }

            @Override
            public void close() {
            }
        };
        List<String> lines = new CopyOnWriteArrayList<>();
        Consumer<String> sink = lines::add;
        CapnpTransport transport = new CapnpTransport();
        IpcAddress address = IpcAddress.unix(dir.resolve("trace.sock"));
        try (Server server = transport.serve(address, init); Connection connection = transport.connect(address)) {
            Echo echo = connection.remoteInit().makeEcho();
            CallTrace.addSink(sink);
            try {
                assertEquals("traced", echo.echo("traced"));
            } finally {
                CallTrace.removeSink(sink);
            }
            assertEquals("quiet", echo.echo("quiet"));
            echo.close();
        }
        List<String> echoLines = lines.stream().filter(l -> l.contains("Echo.echo")).toList();
        assertEquals(2, echoLines.size(), lines.toString());
        var client = LINE.matcher(echoLines.stream().filter(l -> l.startsWith("IPC client")).findFirst().orElseThrow());
        assertTrue(client.matches(), echoLines.toString());
        assertEquals(Thread.currentThread().getName(), client.group(2));
        var server = LINE.matcher(echoLines.stream().filter(l -> l.startsWith("IPC server")).findFirst().orElseThrow());
        assertTrue(server.matches(), echoLines.toString());
        assertTrue(server.group(2).contains(Thread.currentThread().getName()),
                "the server thread is the one mapped to this thread: " + server.group(2));
    }
}
