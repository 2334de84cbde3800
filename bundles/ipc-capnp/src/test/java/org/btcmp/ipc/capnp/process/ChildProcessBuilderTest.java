package org.btcmp.ipc.capnp.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.net.FrameHandler;
import org.btcmp.ipc.capnp.wire.Frame;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Spawning with an inherited socket: only 0, 1, 2 and N reach the child; frames flow; exits are seen. */
@Timeout(120)
class ChildProcessBuilderTest {
    private static final long NO_HANG_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void aShellChildHasExactlyTheStandardStreamsAndTheSocket() throws Exception {
        Path out = dir.resolve("out.txt");
        // A descriptor this JVM holds without close-on-exec, as the JDK opens files: it must not reach the child.
        try (FileInputStream marker = new FileInputStream(Files.writeString(dir.resolve("marker"), "m").toFile())) {
            SocketChild child = new ChildProcessBuilder(fd -> List.of("/bin/sh", "-c",
                    "ls /proc/$$/fd; readlink /proc/$$/fd/" + fd + "; echo ipcfd=" + fd))
                    .stdout(ChildOutput.appendTo(out))
                    .start();
            try (var channel = child.channel()) {
                assertEquals(0, child.onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS));
            }
            assertTrue(marker.getFD().valid(), "the parent's own descriptors stay open");
        }
        List<String> lines = Files.readAllLines(out);
        assertEquals(List.of("0", "1", "2", "3"), lines.subList(0, 4), "the shell's descriptors: " + lines);
        assertTrue(lines.get(4).startsWith("socket:["), lines.toString());
        assertEquals("ipcfd=3", lines.get(5));
        assertEquals(6, lines.size(), lines.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    @Test
    void theDescriptorNumberIsTheCallersChoice() throws Exception {
        Path out = dir.resolve("out.txt");
        SocketChild child = new ChildProcessBuilder(fd -> List.of("/bin/sh", "-c", "ls /proc/$$/fd"))
                .inheritedFd(7)
                .stdout(ChildOutput.appendTo(out))
                .start();
        try (var channel = child.channel()) {
            assertEquals(0, child.onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS));
        }
        assertEquals(7, child.inheritedFd());
        assertEquals(List.of("0", "1", "2", "7"), Files.readAllLines(out));
        assertThrows(IllegalArgumentException.class, () -> new ChildProcessBuilder(fd -> List.of("true")).inheritedFd(2));
    }

    @Test
    void aChildJvmEchoesFramesOverTheInheritedSocketAndExitsWhenWeHangUp() throws Exception {
        Path out = dir.resolve("child-stdout.txt");
        Path err = dir.resolve("child-stderr.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = childClassPath();
        try (FileInputStream marker = new FileInputStream(Files.writeString(dir.resolve("marker"), "m").toFile())) {
            SocketChild child = new ChildProcessBuilder(fd -> List.of(java.toString(), "-cp", classPath,
                    FdEchoChild.class.getName(), Integer.toString(fd)))
                    .stdout(ChildOutput.appendTo(out))
                    .stderr(ChildOutput.appendTo(err))
                    .start();
            BlockingQueue<byte[]> echoes = new LinkedBlockingQueue<>();
            FrameConnection connection = new FrameConnection(child.channel(), "child " + child.pid(), FrameLimits.DEFAULT);
            connection.start(new FrameHandler() {
                @Override
                public void onFrame(Frame frame) {
                    try (frame) {
                        echoes.add(frame.message().getRoot(AnyPointer.factory).getAs(Data.factory).toArray());
                    }
                }

                @Override
                public void onClosed(IpcException cause) {
                }
            });
            for (int i = 0; i < 3; i++) {
                byte[] payload = ByteBuffer.allocate(8).putLong(1000L * i + 7).array();
                connection.send(FdEchoChild.message(payload));
                assertArrayEquals(payload, echoes.poll(NO_HANG_SECONDS, TimeUnit.SECONDS), "echo " + i);
            }
            assertTrue(child.process().isAlive());

            connection.close();

            assertEquals(0, child.onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS), "stderr: " + Files.readString(err));
            assertFalse(child.process().isAlive());
        }
        List<String> fds = Files.readAllLines(out);
        assertTrue(fds.stream().anyMatch(line -> line.startsWith("3 -> socket:[")), fds.toString());
        assertFalse(fds.stream().anyMatch(line -> line.contains("marker")), "the parent's open file stays out: " + fds);
        assertEquals(1, fds.stream().filter(line -> line.contains("socket:")).count(), "one socket only: " + fds);
    }

    @Test
    void theChildEndingClosesOurEndAndItsStatusIsReported() throws Exception {
        SocketChild child = new ChildProcessBuilder(fd -> List.of("/bin/sh", "-c", "exit 7")).start();
        try (var channel = child.channel()) {
            assertEquals(7, child.onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS));
            assertEquals(-1, channel.read(ByteBuffer.allocate(1)), "end of stream once the child is gone");
        }
    }

    @Test
    void aKilledChildReportsTheSignal() throws Exception {
        SocketChild child = new ChildProcessBuilder(fd -> List.of("sleep", "600")).start();
        try (var channel = child.channel()) {
            assertTrue(child.process().isAlive());
            child.destroyForcibly();
            assertEquals(128 + 9, child.onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS));
            child.destroy(); // after the end: nothing to signal, no error
        }
    }

    @Test
    void aMissingOrUnusableExecutableIsNamed() throws Exception {
        IpcException missing = assertThrows(IpcException.class,
                () -> new ChildProcessBuilder(fd -> List.of("/no/such/bitcoin-wallet")).start());
        assertEquals("cannot start /no/such/bitcoin-wallet: no such file", missing.getMessage());

        IpcException notInPath = assertThrows(IpcException.class,
                () -> new ChildProcessBuilder(fd -> List.of("no-such-bitcoin-wallet-xyz")).start());
        assertTrue(notInPath.getMessage().startsWith("cannot start no-such-bitcoin-wallet-xyz: no such executable in PATH ("),
                notInPath.getMessage());

        Path plain = Files.writeString(dir.resolve("not-executable"), "#!/bin/sh\n");
        IpcException notExecutable = assertThrows(IpcException.class,
                () -> new ChildProcessBuilder(fd -> List.of(plain.toString())).start());
        assertEquals("cannot start " + plain + ": it is not executable", notExecutable.getMessage());

        Path badOutput = dir.resolve("missing-dir/out.txt");
        IpcException output = assertThrows(IpcException.class, () -> new ChildProcessBuilder(fd -> List.of("true"))
                .stdout(ChildOutput.appendTo(badOutput)).start());
        assertTrue(output.getMessage().startsWith("cannot start true: cannot open its output file " + badOutput),
                output.getMessage());
    }

    @Test
    void theEnvironmentIsTheCallers() throws Exception {
        Path out = dir.resolve("env.txt");
        ChildProcessBuilder builder = new ChildProcessBuilder(fd -> List.of("/bin/sh", "-c", "echo \"$BTCMP_TEST_VALUE\""))
                .stdout(ChildOutput.appendTo(out));
        builder.environment().put("BTCMP_TEST_VALUE", "from the parent");
        SocketChild child = builder.start();
        try (var channel = child.channel()) {
            assertEquals(0, child.onExit().get(NO_HANG_SECONDS, TimeUnit.SECONDS));
        }
        assertEquals(List.of("from the parent"), Files.readAllLines(out));
    }

    /** This test run's classes and jars, from wherever the test runner put them (module path or class path). */
    private static String childClassPath() throws Exception {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(Path.of(FdEchoChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        entries.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                entries.addAll(List.of(value.split(File.pathSeparator)));
            }
        }
        return String.join(File.pathSeparator, new ArrayList<>(entries));
    }
}
