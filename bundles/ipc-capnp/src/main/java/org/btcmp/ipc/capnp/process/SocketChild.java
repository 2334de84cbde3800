package org.btcmp.ipc.capnp.process;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import jnr.constants.platform.Errno;
import jnr.constants.platform.Signal;
import jnr.posix.POSIX;
import org.btcmp.ipc.IpcException;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * A child started by {@link ChildProcessBuilder}: its process, and our end of the socket it inherited. A
 * reaper thread waits for the child's exit (so it never lingers as a zombie) and completes {@link #onExit}.
 */
public final class SocketChild {
    private final long pid;
    private final List<String> command;
    private final int inheritedFd;
    private final AFUNIXSocketChannel channel;
    private final ProcessHandle process;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private SocketChild(long pid, List<String> command, int inheritedFd, AFUNIXSocketChannel channel, ProcessHandle process) {
        this.pid = pid;
        this.command = command;
        this.inheritedFd = inheritedFd;
        this.channel = channel;
        this.process = new ChildHandle(process, exit);
    }

    static SocketChild started(long pid, List<String> command, int inheritedFd, AFUNIXSocketChannel channel) {
        // Until the reaper runs the child exists at least as a zombie, so the handle is always there.
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IpcException("started " + command.get(0) + " as pid " + pid + " but it is gone"));
        SocketChild child = new SocketChild(pid, command, inheritedFd, channel, process);
        Thread reaper = new Thread(child::reap, "child-reaper " + pid);
        reaper.setDaemon(true);
        reaper.start();
        return child;
    }

    public long pid() {
        return pid;
    }

    /** The child, for liveness and descendants: alive until the reaper has its exit status ({@link #onExit}). */
    public ProcessHandle process() {
        return process;
    }

    /** The command line the child was started with. */
    public List<String> command() {
        return command;
    }

    /** The descriptor number the child found its end of the socket at. */
    public int inheritedFd() {
        return inheritedFd;
    }

    /** Our end of the socket pair: connected, blocking, ours to close. */
    public AFUNIXSocketChannel channel() {
        return channel;
    }

    /**
     * Completes with the child's exit status once it has ended: its exit code, or 128 + the signal number
     * if a signal ended it (as a shell reports it, e.g. 137 for SIGKILL).
     */
    public CompletableFuture<Integer> onExit() {
        return exit.copy();
    }

    /** Asks the child to stop (SIGTERM). Nothing happens if it has ended. */
    public void destroy() {
        signal(Signal.SIGTERM);
    }

    /** Kills the child (SIGKILL). Nothing happens if it has ended. */
    public void destroyForcibly() {
        signal(Signal.SIGKILL);
    }

    private void signal(Signal signal) {
        if (!exit.isDone()) {
            NativePosix.get().kill(pid, signal.intValue());
        }
    }

    private void reap() {
        POSIX posix = NativePosix.get();
        int[] status = new int[1];
        while (true) {
            long reaped = posix.waitpid(pid, status, 0);
            if (reaped == pid) {
                exit.complete(decode(status[0]));
                return;
            }
            if (reaped < 0 && posix.errno() == Errno.EINTR.intValue()) {
                continue;
            }
            exit.completeExceptionally(new IpcException("cannot wait for child " + pid + " (" + command.get(0) + "): "
                    + NativePosix.lastError()));
            return;
        }
    }

    /** waitpid's status word: the low 7 bits name the signal that ended the child, or are 0 for a normal exit. */
    private static int decode(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    @Override
    public String toString() {
        return "child " + pid + " " + command;
    }
}
