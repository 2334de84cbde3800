package org.btcmp.ipc.capnp.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.FrameHandler;
import org.btcmp.ipc.capnp.net.UnixSocketListener;
import org.btcmp.ipc.capnp.net.UnixSockets;
import org.btcmp.ipc.capnp.wire.Frame;
import org.btcmp.ipc.capnp.wire.FrameLimits;

/**
 * What setting up the transport costs, in a fresh JVM: the first node.sock listener (junixsocket's native
 * library loads), later ones, the first spawn (jnr-posix loads), later spawns of /bin/true to its exit, and a
 * child JVM from spawn to its first echoed frame. Run with bench/transport-setup; never in CI.
 */
public final class TransportSetupBenchmark {
    private static final int REPEATS = 20;
    private static final int JVM_REPEATS = 3;

    private TransportSetupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("transport-setup");
        Path socket = dir.resolve("regtest/node.sock");

        long start = System.nanoTime();
        UnixSockets.listen(socket, FrameLimits.DEFAULT).close();
        report("first listen + close (loads junixsocket)", millis(start));
        double[] listens = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            try (UnixSocketListener listener = UnixSockets.listen(socket, FrameLimits.DEFAULT)) {
                listens[i] = millis(t);
            }
        }
        report("listen (median of " + REPEATS + ")", median(listens));

        start = System.nanoTime();
        ChildProcessBuilder.preload();
        report("ChildProcessBuilder.preload() (loads jnr-posix)", millis(start));
        start = System.nanoTime();
        spawnTrue();
        report("first spawn of /bin/true to its exit", millis(start));
        double[] spawns = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            spawnTrue();
            spawns[i] = millis(t);
        }
        report("spawn of /bin/true to its exit (median of " + REPEATS + ")", median(spawns));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        double[] jvms = new double[JVM_REPEATS];
        for (int i = 0; i < JVM_REPEATS; i++) {
            long t = System.nanoTime();
            SocketChild child = new ChildProcessBuilder(fd -> List.of(java, "-cp", classPath,
                    FdEchoChild.class.getName(), Integer.toString(fd))).stdout(ChildOutput.discard()).start();
            SynchronousQueue<Boolean> echoed = new SynchronousQueue<>();
            FrameConnection connection = new FrameConnection(child.channel(), "bench child", FrameLimits.DEFAULT);
            connection.start(new FrameHandler() {
                @Override
                public void onFrame(Frame frame) {
                    frame.close();
                    echoed.offer(true);
                }

                @Override
                public void onClosed(IpcException cause) {
                }
            });
            connection.send(FdEchoChild.message(new byte[] {1}));
            if (echoed.poll(60, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("no echo from the child JVM within 60 s");
            }
            jvms[i] = millis(t);
            connection.close();
            child.onExit().get(60, TimeUnit.SECONDS);
        }
        report("child JVM spawn to first echoed frame (median of " + JVM_REPEATS + ")", median(jvms));
        Files.deleteIfExists(socket.getParent());
        Files.deleteIfExists(dir);
    }

    private static void spawnTrue() throws Exception {
        SocketChild child = new ChildProcessBuilder(fd -> List.of("/bin/true")).start();
        try (var channel = child.channel()) {
            child.onExit().get(60, TimeUnit.SECONDS);
        }
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void report(String what, double millis) {
        System.out.printf("%-62s %8.2f ms%n", what, millis);
    }
}
