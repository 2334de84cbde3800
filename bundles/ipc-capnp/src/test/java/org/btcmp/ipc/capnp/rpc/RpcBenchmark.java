package org.btcmp.ipc.capnp.rpc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.btcmp.ipc.capnp.bench.ContextSwitches;
import org.btcmp.ipc.capnp.bench.Exchanges;
import org.btcmp.ipc.capnp.bench.SocketPairs;
import org.btcmp.ipc.capnp.cxx.CxxPeer;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.FrameLimits;

/**
 * Our RPC against a raw JDK UNIX-socket channel and against the C++ library: the median of
 * {@value #TRIALS} interleaved trials, each the mean of many round trips, of an echo call (8-byte
 * ping-pong for the baseline) and of 1 MiB Data sent one way (answered by its size): one call at a
 * time, and for Java also streamed with a few calls in flight, as the raw baseline streams. Run through
 * bench/rpc-bench.sh, pinned to one CPU with the C++ processes it starts; never in CI.
 */
public final class RpcBenchmark {
    static final int TRIALS = 7;
    static final int ROUND_TRIPS = 10_000;
    static final int MIB_CALLS = 100;
    static final int IN_FLIGHT = 4;

    private interface Trial {
        double nanos() throws Exception;
    }

    private record Row(String label, Trial trial) {
    }

    private RpcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        CxxPeer peer = CxxPeer.buildRpc("rpc_peer", "rpctest.capnp");
        peer.assumeAvailable();
        Path dir = Files.createTempDirectory("rpc-bench");
        Path cxxSocket = dir.resolve("cxx.sock");
        Process cxxServer = peer.start("server", cxxSocket.toString());
        new PeerOutput(cxxServer).expect("ready");
        FrameConnection[] pair = UnixSockets.pair("bench", FrameLimits.DEFAULT);
        RpcConnection javaServer;
        try (Capability calc = Capability.of(new JavaCalc())) {
            javaServer = RpcConnection.start(pair[0], calc);
        }
        RpcConnection javaClient = RpcConnection.start(pair[1], null);
        RpcConnection toCxx = RpcConnection.start(UnixSockets.connect(cxxSocket, FrameLimits.DEFAULT), null);
        try (Rpctest.Calc.Client javaCalc = new Rpctest.Calc.Client(javaClient.bootstrap());
                Rpctest.Calc.Client cxxCalc = new Rpctest.Calc.Client(toCxx.bootstrap())) {
            byte[] mebibyte = new byte[Exchanges.MIB];
            List<Row> small = List.of(
                    new Row("raw 8 bytes, JDK UNIX-socket channel (baseline)",
                            () -> Exchanges.rawPingPong(SocketPairs.jdk(dir), ROUND_TRIPS)),
                    new Row("RPC echo, Java -> Java", () -> timed(ROUND_TRIPS, () -> Calls.echo(javaCalc, "ping"))),
                    new Row("RPC echo, Java -> C++", () -> timed(ROUND_TRIPS, () -> Calls.echo(cxxCalc, "ping"))),
                    new Row("RPC echo, C++ -> C++ (two processes)",
                            () -> cxxClient(peer, cxxSocket, "bench-echo", String.valueOf(ROUND_TRIPS))));
            List<Row> large = List.of(
                    new Row("raw 1 MiB one way, JDK UNIX-socket channel (baseline)",
                            () -> Exchanges.rawOneWay(SocketPairs.jdk(dir), MIB_CALLS)),
                    new Row("RPC 1 MiB Data param, Java -> Java",
                            () -> timed(MIB_CALLS, () -> Calls.size(javaCalc, mebibyte))),
                    new Row("RPC 1 MiB Data param, Java -> Java, " + IN_FLIGHT + " in flight",
                            () -> streamed(MIB_CALLS, () -> Calls.sizeAsync(javaCalc, mebibyte).untyped())),
                    new Row("RPC 1 MiB Data param, Java -> C++",
                            () -> timed(MIB_CALLS, () -> Calls.size(cxxCalc, mebibyte))),
                    new Row("RPC 1 MiB Data param, C++ -> C++ (two processes)",
                            () -> cxxClient(peer, cxxSocket, "bench-data", String.valueOf(MIB_CALLS),
                                    String.valueOf(Exchanges.MIB))));
            System.out.printf("CPUs allowed: %s; medians of %d interleaved trials (%d round trips or %d x 1 MiB each)%n",
                    Files.readAllLines(Path.of("/proc/self/status")).stream()
                            .filter(l -> l.startsWith("Cpus_allowed_list")).map(l -> l.split(":\\s*")[1])
                            .findFirst().orElse("?"), TRIALS, ROUND_TRIPS, MIB_CALLS);
            double[] smallMedians = medians(small);
            double[] largeMedians = medians(large);
            System.out.printf("%n%-52s %10s %9s%n", "small round trip", "median", "x raw JDK");
            for (int i = 0; i < small.size(); i++) {
                System.out.printf("%-52s %7.1f us %8.2fx%n", small.get(i).label(), smallMedians[i] / 1000,
                        smallMedians[i] / smallMedians[0]);
            }
            System.out.printf("%n%-52s %10s%n", "context switches per round trip (this JVM)", "switches");
            System.out.printf("%-52s %10.2f%n", "raw 8 bytes, JDK UNIX-socket channel",
                    switchesPer(2 * ROUND_TRIPS, () -> Exchanges.rawPingPong(SocketPairs.jdk(dir), ROUND_TRIPS)));
            System.out.printf("%-52s %10.2f%n", "RPC echo, Java -> Java",
                    switchesPer(2 * ROUND_TRIPS, () -> timed(ROUND_TRIPS, () -> Calls.echo(javaCalc, "ping"))));
            System.out.printf("%n%-52s %10s %6s %10s%n", "1 MiB", "median", "GB/s", "of raw JDK");
            for (int i = 0; i < large.size(); i++) {
                System.out.printf("%-52s %7.1f us %6.2f %9.0f %%%n", large.get(i).label(), largeMedians[i] / 1000,
                        Exchanges.MIB / largeMedians[i], 100 * largeMedians[0] / largeMedians[i]);
            }
        } finally {
            javaClient.close();
            javaServer.close();
            toCxx.close();
            cxxServer.destroyForcibly();
            Files.deleteIfExists(cxxSocket);
            Files.deleteIfExists(dir);
        }
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

    /**
     * Mean nanoseconds per call of {@code times} calls with up to {@value #IN_FLIGHT} unanswered at a
     * time, after as many warm-up calls: data streamed one way, as the raw baseline streams it.
     */
    private static double streamed(int times, java.util.function.Supplier<RemotePromise> call) {
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            java.util.ArrayDeque<RemotePromise> inFlight = new java.util.ArrayDeque<>();
            for (int i = 0; i < times; i++) {
                if (inFlight.size() == IN_FLIGHT) {
                    inFlight.poll().join().close();
                }
                inFlight.add(call.get());
            }
            while (!inFlight.isEmpty()) {
                inFlight.poll().join().close();
            }
            if (round == 1) {
                return (System.nanoTime() - start) / (double) times;
            }
        }
        throw new AssertionError();
    }

    /** Context switches per operation while {@code trial} runs {@code operations} of them. */
    private static double switchesPer(int operations, Trial trial) throws Exception {
        long before = ContextSwitches.count();
        trial.nanos();
        return (ContextSwitches.count() - before) / (double) operations;
    }

    /** Mean nanoseconds of {@code times} runs, after as many warm-up runs. */
    private static double timed(int times, Runnable call) {
        for (int i = 0; i < times; i++) {
            call.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / (double) times;
    }

    /** Runs the C++ client's benchmark scenario against the C++ server; its mean in nanoseconds. */
    private static double cxxClient(CxxPeer peer, Path socket, String... scenario) throws Exception {
        List<String> args = new ArrayList<>(List.of("client", socket.toString()));
        args.addAll(List.of(scenario));
        Process client = peer.start(args.toArray(String[]::new));
        CxxPeer.Result result = CxxPeer.await(client);
        String out = result.stdout().strip();
        if (result.status() != 0 || !out.startsWith("mean_us=")) {
            throw new IllegalStateException("C++ benchmark client failed: " + result);
        }
        client.waitFor(1, TimeUnit.SECONDS);
        return Double.parseDouble(out.substring("mean_us=".length())) * 1000;
    }
}
