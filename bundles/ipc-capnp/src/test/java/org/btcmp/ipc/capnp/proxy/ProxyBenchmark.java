package org.btcmp.ipc.capnp.proxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.bench.ContextSwitches;
import org.btcmp.ipc.capnp.bench.Exchanges;
import org.btcmp.ipc.capnp.bench.SocketPairs;
import org.btcmp.ipc.capnp.gen.Proxies;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.rpc.CallContext;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.btcmp.ipc.capnp.rpc.RemotePromise;
import org.btcmp.ipc.capnp.rpc.Request;
import org.btcmp.ipc.capnp.rpc.Response;
import org.btcmp.ipc.capnp.rpc.RpcConnection;
import org.btcmp.ipc.capnp.rpc.Server;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.btcmp.ipc.local.LocalTransport;

/**
 * What a call through the IPC layers costs, in one run: a direct Java call, the same call through
 * ipc-local, a thread-mapped generated ProxyClient echo (both ends in this JVM over a socket pair, and
 * to a second JVM), against the raw JDK UNIX-socket ping-pong; and how long a call waits for its
 * IpcException after the peer is killed with SIGKILL. Medians of {@value #TRIALS} interleaved trials, and the
 * thread hand-offs per call (voluntary context switches), which set the round trip on one CPU.
 * Run through bench/proxy-bench.sh, pinned to one CPU; never in CI.
 */
public final class ProxyBenchmark {
    static final int TRIALS = 7;
    static final int CALLS = 20_000;
    static final int LOCAL_CALLS = 20_000_000;

    private interface Trial {
        double nanos() throws Exception;
    }

    /** {@code calls}: the calls one trial makes, warm-up included (0: not counted for switches). */
    private record Row(String label, Trial trial, double calls) {
    }

    private ProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("proxy-bench");
        Init init = () -> new Echo() {
            @Override
            public String echo(String message) {
                return message;
            }

            @Override
            public void close() {
            }
        };
        Echo direct = init.makeEcho();
        LocalTransport local = new LocalTransport();
        local.serve(IpcAddress.local("bench"), init);
        Connection localConnection = local.connect(IpcAddress.local("bench"));
        Echo viaLocal = localConnection.remoteInit().makeEcho();

        FrameConnection[] pair = UnixSockets.pair("bench", FrameLimits.DEFAULT);
        ProxyConnection.start(pair[0], Proxies.registry(), Init.class, init);
        ProxyConnection client = ProxyConnection.start(pair[1], Proxies.registry(), Init.class, null);
        Echo mapped = client.bootstrap(Init.class).makeEcho();

        // The same echo through the bare RPC layer (no Context, no thread mapping), for the proxies' share.
        FrameConnection[] rawPair = UnixSockets.pair("bench-rpc", FrameLimits.DEFAULT);
        Capability rawEcho;
        try (Capability served = Capability.of(new RawEchoServer())) {
            RpcConnection.start(rawPair[0], served);
        }
        rawEcho = RpcConnection.start(rawPair[1], null).bootstrap();

        PeerProcess peer = PeerProcess.start(dir);
        ProxyConnection toPeer = ProxyConnection.start(UnixSockets.connect(peer.socket, FrameLimits.DEFAULT),
                Proxies.registry(), Init.class, null);
        Echo remote = toPeer.bootstrap(Init.class).makeEcho();
        String reply = remote.echo("ping");
        if (!reply.startsWith("ping")) {
            throw new IllegalStateException("unexpected reply " + reply);
        }

        double timedCalls = CALLS * 1.1;
        List<Row> rows = List.of(
                new Row("direct Java call", () -> timed(LOCAL_CALLS, () -> direct.echo("ping")), 0),
                new Row("ipc-local call", () -> timed(LOCAL_CALLS, () -> viaLocal.echo("ping")), 0),
                new Row("raw 8 bytes, JDK UNIX-socket channel (baseline)",
                        () -> Exchanges.rawPingPong(SocketPairs.jdk(dir), CALLS), 2.0 * CALLS),
                new Row("RPC echo without thread mapping, one JVM", () -> timed(CALLS, () -> rawEcho(rawEcho)), timedCalls),
                new Row("thread-mapped ProxyClient echo, one JVM", () -> timed(CALLS, () -> mapped.echo("ping")), timedCalls),
                new Row("thread-mapped ProxyClient echo, two JVMs*", () -> timed(CALLS, () -> remote.echo("ping")), timedCalls));
        double[] medians = medians(rows);
        System.out.printf("CPUs allowed: %s; medians of %d interleaved trials%n", affinity(), TRIALS);
        System.out.printf("%-52s %12s %10s %14s%n", "call", "median", "x raw", "switches/call");
        double raw = medians[2];
        for (int i = 0; i < rows.size(); i++) {
            System.out.printf("%-52s %9.1f ns %9.2fx %14s%n", rows.get(i).label(), medians[i], medians[i] / raw,
                    switchesPerCall(rows.get(i)));
        }
        System.out.println("switches/call: voluntary context switches of this JVM's threads per call (each a thread"
                + " blocking: a hand-off); *this JVM's side only");
        System.out.printf("ipc-local over direct: %.1f ns%n", medians[1] - medians[0]);
        toPeer.close();
        peer.close();
        System.out.printf("SIGKILL of the peer mid-call to IpcException: median %.2f ms of %d%n", killDelayMillis(dir), 5);
        System.exit(0);
    }

    /** Echo.echo @1 answered on the connection's reading thread, by offsets. */
    private static final class RawEchoServer implements Server {
        @Override
        public boolean dispatchesWithoutBlocking(long interfaceId, short methodId) {
            return true;
        }

        @Override
        public void dispatch(long interfaceId, short methodId, CallContext context) {
            String text = context.params().getAs(RawStruct.ANY).getText(1);
            context.results().initAs(RawStruct.factory(0, 1)).setText(0, text);
        }
    }

    private static void rawEcho(Capability echo) {
        Request request = echo.newCall(ECHO_ID, 1);
        request.params().initAs(RawStruct.factory(0, 2)).setText(1, "ping");
        try (RemotePromise promise = request.send(); Response response = promise.join()) {
            response.content().getAs(RawStruct.ANY).getText(0);
        }
    }

    /** echo.capnp's Echo interface id. */
    private static final long ECHO_ID = 0xd36b89640dc94399L;

    private static double killDelayMillis(Path dir) throws Exception {
        double[] delays = new double[5];
        for (int i = 0; i < delays.length; i++) {
            try (PeerProcess peer = PeerProcess.start(Files.createTempDirectory(dir, "kill"))) {
                ProxyConnection connection = ProxyConnection.start(UnixSockets.connect(peer.socket, FrameLimits.DEFAULT),
                        Proxies.registry(), Init.class, null);
                Chain chain = connection.bootstrap(Init.class).makeChain();
                ExecutorService caller = Executors.newSingleThreadExecutor();
                Future<Long> failedAt = caller.submit(() -> {
                    try {
                        chain.isInMempool(PeerChain.HANG);
                    } catch (IpcException e) {
                        return System.nanoTime();
                    }
                    return -1L;
                });
                peer.await("EVENT hanging", java.time.Duration.ofSeconds(60));
                long killed = System.nanoTime();
                peer.kill();
                delays[i] = (failedAt.get(60, TimeUnit.SECONDS) - killed) / 1e6;
                caller.shutdownNow();
            }
        }
        Arrays.sort(delays);
        return delays[delays.length / 2];
    }

    /** One more trial of {@code row}, counting voluntary switches; blank for rows not counted. */
    private static String switchesPerCall(Row row) throws Exception {
        if (row.calls() == 0) {
            return "";
        }
        long before = ContextSwitches.voluntary();
        row.trial().nanos();
        return String.format("%.2f", (ContextSwitches.voluntary() - before) / row.calls());
    }

    private static double[] medians(List<Row> rows) throws Exception {
        double[][] trials = new double[rows.size()][TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            for (int r = 0; r < rows.size(); r++) {
                trials[r][t] = rows.get(r).trial().nanos();
            }
        }
        double[] medians = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Arrays.sort(trials[r]);
            medians[r] = trials[r][TRIALS / 2];
        }
        return medians;
    }

    /** Mean nanoseconds per call of {@code calls} calls, after a warm-up of a tenth as many. */
    private static double timed(int calls, Runnable call) {
        for (int i = 0; i < calls / 10; i++) {
            call.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / (double) calls;
    }

    private static String affinity() {
        try {
            return new ArrayList<>(Files.readAllLines(Path.of("/proc/self/status"))).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list")).findFirst().map(l -> l.split(":")[1].trim()).orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
