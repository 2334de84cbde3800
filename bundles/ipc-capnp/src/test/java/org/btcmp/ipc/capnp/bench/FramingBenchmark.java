package org.btcmp.ipc.capnp.bench;

import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Compares the framing with raw UNIX-socket I/O: median of {@value #TRIALS} trials of an 8-byte round
 * trip and of 1 MiB one way. Trials of all variants are interleaved, so that load from other processes
 * spreads over all of them. Run through bench/framing-bench.sh, pinned to one CPU; never in CI.
 */
public final class FramingBenchmark {
    static final int TRIALS = 7;
    static final int ROUND_TRIPS = 20_000;
    static final int MIB_MESSAGES = 200;

    private FramingBenchmark() {
    }

    interface Exchange {
        double run(SocketChannel[] pair) throws Exception;
    }

    /** One measured row: what it is, which sockets, and the exchange. */
    record Variant(String label, boolean jdk, Exchange exchange) {
    }

    public static void main(String[] args) throws Exception {
        List<Variant> roundTrips = List.of(
                new Variant("raw bytes, JDK UNIX-socket channel (baseline)", true,
                        p -> Exchanges.rawPingPong(p, ROUND_TRIPS)),
                new Variant("raw bytes, junixsocket channel", false, p -> Exchanges.rawPingPong(p, ROUND_TRIPS)),
                new Variant("framed, FrameReader/Writer on JDK channel", true,
                        p -> Exchanges.framedPingPong(p, ROUND_TRIPS)),
                new Variant("framed, FrameReader/Writer on junixsocket", false,
                        p -> Exchanges.framedPingPong(p, ROUND_TRIPS)),
                new Variant("framed, FrameConnection (reader thread), junixsocket", false,
                        p -> Exchanges.connectionPingPong(p, ROUND_TRIPS)));
        List<Variant> bulk = List.of(
                new Variant("raw bytes, JDK UNIX-socket channel (baseline)", true,
                        p -> Exchanges.rawOneWay(p, MIB_MESSAGES)),
                new Variant("raw bytes, junixsocket channel", false, p -> Exchanges.rawOneWay(p, MIB_MESSAGES)),
                new Variant("framed, FrameReader/Writer on JDK channel", true,
                        p -> Exchanges.framedOneWay(p, MIB_MESSAGES, false)),
                new Variant("framed, FrameReader/Writer on junixsocket", false,
                        p -> Exchanges.framedOneWay(p, MIB_MESSAGES, false)),
                new Variant("framed, FrameConnection (reader thread), junixsocket", false,
                        p -> Exchanges.connectionOneWay(p, MIB_MESSAGES, false)),
                new Variant("framed, Reader/Writer, junixsocket, direct-memory message", false,
                        p -> Exchanges.framedOneWay(p, MIB_MESSAGES, true)),
                new Variant("framed, FrameConnection, junixsocket, direct-memory message", false,
                        p -> Exchanges.connectionOneWay(p, MIB_MESSAGES, true)));

        Path dir = Files.createTempDirectory("framing-bench");
        try {
            System.out.printf("CPUs allowed: %s; medians of %d interleaved trials; %d round trips or %d x 1 MiB each%n",
                    Files.readAllLines(Path.of("/proc/self/status")).stream()
                            .filter(l -> l.startsWith("Cpus_allowed_list")).map(l -> l.split(":\\s*")[1])
                            .findFirst().orElse("?"),
                    TRIALS, ROUND_TRIPS, MIB_MESSAGES);
            double[] small = medians(roundTrips, dir);
            double[] large = medians(bulk, dir);
            long[] garbage = Exchanges.framedGarbage(SocketPairs.junixsocket(), ROUND_TRIPS);

            System.out.printf("%n%-62s %10s %9s%n", "8-byte round trip", "median", "x raw JDK");
            for (int i = 0; i < small.length; i++) {
                System.out.printf("%-62s %7.1f us %8.2fx%n", roundTrips.get(i).label(), small[i] / 1000, small[i] / small[0]);
            }
            System.out.printf("%-62s %7d B  (building the message: %d B)%n",
                    "heap allocated per framed round trip, caller thread", garbage[0], garbage[1]);
            System.out.printf("%n%-62s %10s %6s %10s%n", "1 MiB one way", "median", "GB/s", "of raw JDK");
            for (int i = 0; i < large.length; i++) {
                System.out.printf("%-62s %7.1f us %6.2f %9.0f %%%n", bulk.get(i).label(), large[i] / 1000,
                        Exchanges.MIB / large[i], 100 * large[0] / large[i]);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static double[] medians(List<Variant> variants, Path dir) throws Exception {
        double[][] trials = new double[variants.size()][TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            for (int v = 0; v < variants.size(); v++) {
                Variant variant = variants.get(v);
                trials[v][t] = variant.exchange().run(variant.jdk() ? SocketPairs.jdk(dir) : SocketPairs.junixsocket());
            }
        }
        double[] medians = new double[variants.size()];
        for (int v = 0; v < medians.length; v++) {
            Arrays.sort(trials[v]);
            medians[v] = trials[v][TRIALS / 2];
        }
        return medians;
    }
}
