package org.btcmp.ipc.capnp.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import jnr.constants.platform.AddressFamily;
import jnr.constants.platform.OpenFlags;
import jnr.constants.platform.Sock;
import jnr.posix.POSIX;
import jnr.posix.SpawnFileAction;
import org.btcmp.ipc.IpcException;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * Starts a child process that inherits one end of a fresh socket pair as file descriptor N (Bitcoin Core's
 * {@code -ipcfd=N}), keeping the other end. {@link ProcessBuilder} cannot do this: it passes only descriptors
 * 0-2. The child is started with posix_spawn, and inherits nothing else: every other descriptor this JVM has
 * open (jars, sockets, files) is closed in the child. Its standard input is /dev/null.
 *
 * <p>Descriptors another thread opens without close-on-exec while {@link #start} runs can still reach the
 * child: the list of descriptors to close is taken just before the spawn.
 */
public final class ChildProcessBuilder {
    /** The descriptor number the child gets unless told otherwise: the first after standard error. */
    public static final int DEFAULT_FD = 3;
    /** Linux's SOCK_CLOEXEC, which jnr-constants does not name: our ends must not leak into other children. */
    private static final int SOCK_CLOEXEC = 02000000;

    private final IntFunction<List<String>> commandForFd;
    private final Map<String, String> environment = new LinkedHashMap<>(System.getenv());
    private int fd = DEFAULT_FD;
    private ChildOutput stdout = ChildOutput.inherit();
    private ChildOutput stderr = ChildOutput.inherit();

    /** {@code commandForFd} builds the command line for the descriptor number, e.g. to add {@code -ipcfd=N}. */
    public ChildProcessBuilder(IntFunction<List<String>> commandForFd) {
        this.commandForFd = Objects.requireNonNull(commandForFd, "commandForFd");
    }

    /**
     * Loads the native calls now: about a second in a cold JVM (jnr-ffi generates its bindings), which the first
     * {@link #start} would otherwise pay. For a background thread at startup; any thread, any number of times.
     *
     * @throws IpcException if the native calls cannot be loaded on this system
     */
    public static void preload() {
        NativePosix.get();
    }

    /** The descriptor number the child finds its end at; 3 or more. */
    public ChildProcessBuilder inheritedFd(int number) {
        if (number < 3) {
            throw new IllegalArgumentException("the inherited descriptor must be 3 or more (0-2 are the standard streams): " + number);
        }
        this.fd = number;
        return this;
    }

    public ChildProcessBuilder stdout(ChildOutput output) {
        this.stdout = Objects.requireNonNull(output, "output");
        return this;
    }

    public ChildProcessBuilder stderr(ChildOutput output) {
        this.stderr = Objects.requireNonNull(output, "output");
        return this;
    }

    /** The child's environment, a copy of this process's to begin with; change it before {@link #start}. */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * Starts the child.
     *
     * @throws IpcException naming the command if it cannot be found or started, or an output file cannot be opened
     */
    public SocketChild start() {
        List<String> command = List.copyOf(commandForFd.apply(fd));
        if (command.isEmpty()) {
            throw new IpcException("cannot start a child: the command is empty");
        }
        String action = "cannot start " + command.get(0);
        Path executable = Executables.resolve(command.get(0), System.getenv("PATH"));
        prepareOutput(stdout, action);
        prepareOutput(stderr, action);

        POSIX posix = NativePosix.get();
        int[] ends = new int[2];
        int type = Sock.SOCK_STREAM.intValue() | SOCK_CLOEXEC;
        if (posix.socketpair(AddressFamily.AF_UNIX.intValue(), type, 0, ends) != 0) {
            throw new IpcException(action + ": cannot create a socket pair: " + NativePosix.lastError());
        }
        int parentEnd = ends[0];
        int childEnd = ends[1];
        long pid;
        try {
            childEnd = awayFrom(posix, childEnd, action);
            List<SpawnFileAction> actions = fileActions(childEnd);
            List<String> environmentLines = new ArrayList<>();
            environment.forEach((name, value) -> environmentLines.add(name + "=" + value));
            pid = posix.posix_spawnp(executable.toString(), actions, command, environmentLines);
            if (pid <= 0) {
                throw new IpcException(action + ": posix_spawn failed for " + executable);
            }
        } catch (RuntimeException e) {
            posix.close(parentEnd);
            throw e;
        } finally {
            // The child has its copy now; ours must go, or the child would never see end-of-stream from us
            // closing the other end. A plain close(2): junixsocket would shut the socket down for the child too.
            posix.close(childEnd);
        }
        AFUNIXSocketChannel channel;
        try {
            channel = FileDescriptorCast.unsafeUsing(parentEnd).as(AFUNIXSocketChannel.class);
        } catch (IOException e) {
            posix.close(parentEnd);
            throw new IpcException(action + ": cannot use our end of the socket pair: " + e.getMessage(), e);
        }
        return SocketChild.started(pid, command, fd, channel);
    }

    /** Moves the child's end off the target number: dup2 onto itself would keep close-on-exec set. */
    private int awayFrom(POSIX posix, int childEnd, String action) {
        if (childEnd != fd) {
            return childEnd;
        }
        int moved = posix.dup(childEnd);
        if (moved < 0) {
            throw new IpcException(action + ": cannot duplicate a descriptor: " + NativePosix.lastError());
        }
        posix.close(childEnd);
        return moved;
    }

    private List<SpawnFileAction> fileActions(int childEnd) {
        List<SpawnFileAction> actions = new ArrayList<>();
        actions.add(SpawnFileAction.open("/dev/null", 0, OpenFlags.O_RDONLY.intValue(), 0));
        addOutput(actions, stdout, 1);
        addOutput(actions, stderr, 2);
        actions.add(SpawnFileAction.dup(childEnd, fd));
        for (int open : OpenDescriptors.list()) {
            if (open > 2 && open != fd) {
                actions.add(SpawnFileAction.close(open));
            }
        }
        return actions;
    }

    private static void addOutput(List<SpawnFileAction> actions, ChildOutput output, int stream) {
        output.file().ifPresent(file -> actions.add(SpawnFileAction.open(file.toString(), stream,
                OpenFlags.O_WRONLY.intValue() | OpenFlags.O_CREAT.intValue() | OpenFlags.O_APPEND.intValue(), 0600)));
    }

    /** Creates an output file here, so that a bad path is reported by name rather than as a failed spawn. */
    private static void prepareOutput(ChildOutput output, String action) {
        if (output.file().isEmpty() || output == ChildOutput.discard()) {
            return;
        }
        Path file = output.file().get();
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.newOutputStream(file, StandardOpenOption.APPEND).close();
        } catch (IOException e) {
            throw new IpcException(action + ": cannot open its output file " + file + ": " + e, e);
        }
    }
}
