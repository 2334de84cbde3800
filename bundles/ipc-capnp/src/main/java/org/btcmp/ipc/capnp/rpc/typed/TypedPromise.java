package org.btcmp.ipc.capnp.rpc.typed;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.RemotePromise;
import org.btcmp.ipc.capnp.rpc.Response;

/**
 * Base of a method's generated promise: the answer before and after it arrives. Generated subclasses
 * add a getter per capability in the results that returns a client calling it pipelined (before the
 * answer). Closing an unanswered promise cancels the call, as {@link RemotePromise#close} does.
 *
 * @param <R> the method's generated response
 */
public abstract class TypedPromise<R> implements AutoCloseable {
    private final RemotePromise promise;
    private final Function<Response, R> response;

    protected TypedPromise(RemotePromise promise, Function<Response, R> response) {
        this.promise = promise;
        this.response = response;
    }

    /** Waits for the answer (see {@link RemotePromise#join()}); the caller closes the response. */
    public final R join() {
        return wrap(promise.join());
    }

    /** {@link #join()} with a bound (see {@link RemotePromise#join(Duration)}). */
    public final R join(Duration timeout) {
        return wrap(promise.join(timeout));
    }

    public final boolean isDone() {
        return promise.isDone();
    }

    /** Completes with the response (which the callback then owns) or the failure. */
    public final CompletableFuture<R> asFuture() {
        return promise.asFuture().thenApply(this::wrap);
    }

    /** Results that cannot be read as the method's results struct fail the call; the response is let go. */
    private R wrap(Response untyped) {
        try {
            return response.apply(untyped);
        } catch (RuntimeException e) {
            untyped.close();
            throw e;
        }
    }

    /** The capability at pointer fields {@code path} of the results, called pipelined; the caller closes it. */
    protected final Capability pipeline(int... path) {
        return promise.pipeline(path);
    }

    /** The untyped promise underneath. */
    public final RemotePromise untyped() {
        return promise;
    }

    @Override
    public void close() {
        promise.close();
    }
}
