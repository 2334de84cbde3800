package org.btcmp.ipc.capnp.process;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The {@link ProcessHandle} of a child our reaper waits for. The JDK's own handle for a process it did not
 * start may see the exit (the zombie) before our reaper has collected it, and then still calls the zombie
 * alive; this one is alive exactly until the reaper has the exit status, and its {@link #onExit} is the
 * reaper's.
 */
final class ChildHandle implements ProcessHandle {
    private final ProcessHandle process;
    private final CompletableFuture<Integer> exit;

    ChildHandle(ProcessHandle process, CompletableFuture<Integer> exit) {
        this.process = process;
        this.exit = exit;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Optional<ProcessHandle> parent() {
        return process.parent();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return isAlive() ? process.children() : Stream.empty();
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return isAlive() ? process.descendants() : Stream.empty();
    }

    @Override
    public Info info() {
        return process.info();
    }

    @Override
    public CompletableFuture<ProcessHandle> onExit() {
        // A reaper that could not wait (waitpid failed) leaves the JDK's polling as the fallback.
        return exit.handle((status, failure) -> failure == null).thenCompose(reaped -> reaped
                ? CompletableFuture.completedFuture((ProcessHandle) this)
                : process.onExit().thenApply(p -> (ProcessHandle) this));
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public boolean destroy() {
        // Never signal a reaped pid: it may belong to another process by now.
        return isAlive() && process.destroy();
    }

    @Override
    public boolean destroyForcibly() {
        return isAlive() && process.destroyForcibly();
    }

    @Override
    public boolean isAlive() {
        if (exit.isDone()) {
            return exit.isCompletedExceptionally() && process.isAlive();
        }
        return true;
    }

    @Override
    public int compareTo(ProcessHandle other) {
        return Long.compare(pid(), other.pid());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChildHandle c && c.pid() == pid();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pid());
    }

    @Override
    public String toString() {
        return Long.toString(pid());
    }
}
