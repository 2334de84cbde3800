package org.btcmp.ipc.capnp.rpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.btcmp.ipc.IpcException;

/**
 * The answer to a sent call, before and after it arrives. Capabilities in the results can be called
 * before then ({@link #pipeline}): such calls go out at once, addressed to the promised answer. Closing
 * the promise before the answer cancels the call (Finish goes to the callee); after {@link #join}, the
 * response's close ends it instead.
 */
public final class RemotePromise implements AutoCloseable {
    final CompletableFuture<Response> future;
    private final Function<int[], CapTarget> pipeliner;
    private final Runnable dropRef;
    private volatile boolean taken;

    RemotePromise(CompletableFuture<Response> future, Function<int[], CapTarget> pipeliner, Runnable dropRef) {
        this.future = future;
        this.pipeliner = pipeliner;
        this.dropRef = dropRef;
    }

    /**
     * The promise of a call not made yet: {@code later} completes with the promise of the call once it
     * is made. Pipelined calls wait for it; closing cancels the call once it exists (after the pipelined
     * capabilities have taken theirs from it).
     */
    static RemotePromise eventually(CompletableFuture<RemotePromise> later) {
        Eventual eventual = new Eventual();
        later.whenComplete(eventual::made);
        return new RemotePromise(eventual.answer, eventual::pipeline, eventual::close);
    }

    /** What {@link #eventually} tracks: capabilities to take from the call once made, and a pending close. */
    private static final class Eventual {
        final CompletableFuture<Response> answer = new CompletableFuture<>();
        private final PipelineTakers takers = new PipelineTakers();
        private RemotePromise made; // guarded by this
        private boolean closeAsked; // guarded by this
        private boolean closable; // guarded by this

        CapTarget pipeline(int[] path) {
            return takers.pipeline(path);
        }

        void made(RemotePromise promise, Throwable error) {
            RuntimeException failure = error == null ? null : PromisedTarget.cause(error);
            takers.arrived(failure != null
                    ? (target, path) -> target.settleLater(null, failure)
                    : (target, path) -> target.settleLater(promise.pipeline(path), null));
            boolean closeNow;
            synchronized (this) {
                made = promise; // closable only once the pipelined capabilities took theirs from it
                closable = true;
                closeNow = closeAsked;
            }
            if (failure != null) {
                answer.completeExceptionally(failure);
                return;
            }
            promise.future.whenComplete((response, failed) -> {
                if (failed != null) {
                    answer.completeExceptionally(failed);
                } else {
                    answer.complete(response);
                }
            });
            if (closeNow) {
                promise.close();
            }
        }

        void close() {
            RemotePromise toClose;
            synchronized (this) {
                closeAsked = true;
                toClose = closable ? made : null;
            }
            if (toClose != null) {
                toClose.close();
            }
        }
    }

    static RemotePromise failed(RuntimeException failure) {
        return new RemotePromise(CompletableFuture.failedFuture(failure), path -> new BrokenTarget(failure), () -> {
        });
    }

    /**
     * Waits for the answer; the caller owns (closes) the response. Called from a server method, the
     * wait lets the next call to the same object start meanwhile (see {@link Server}).
     *
     * @throws RpcException if the call failed on the other side
     * @throws IpcException if the connection was lost first (or the wait was interrupted)
     */
    public Response join() {
        if (!future.isDone()) {
            CallSequence.yieldTurn();
        }
        try {
            return take(future.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcException("interrupted while waiting for an answer", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** {@link #join} with a bound: an {@link IpcException} after {@code timeout} (the call goes on). */
    public Response join(Duration timeout) {
        if (!future.isDone()) {
            CallSequence.yieldTurn();
        }
        try {
            return take(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcException("interrupted while waiting for an answer", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (TimeoutException e) {
            throw new IpcException("no answer within " + timeout, e);
        }
    }

    public boolean isDone() {
        return future.isDone();
    }

    /** Completes with the response (which the callback then owns) or the failure. */
    public CompletableFuture<Response> asFuture() {
        return future.thenApply(this::take);
    }

    /**
     * The capability the results will hold at pointer fields {@code path} (none: the results pointer
     * itself). Calls on it go out now, pipelined; the handle is the caller's to close.
     */
    public Capability pipeline(int... path) {
        return new Capability(pipeliner.apply(path.clone()));
    }

    /** Cancels the call if unanswered, else lets go of a response nobody took. */
    @Override
    public void close() {
        if (!taken) {
            future.thenAccept(Response::close);
            dropRef.run();
        }
    }

    private Response take(Response response) {
        taken = true;
        return response;
    }

    private static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RpcException rpc) {
            return new RpcException(rpc.type(), rpc.reason());
        }
        if (cause instanceof IpcException ipc) {
            return new IpcException(ipc.getMessage(), ipc);
        }
        return new IpcException("call failed: " + cause, cause);
    }
}
