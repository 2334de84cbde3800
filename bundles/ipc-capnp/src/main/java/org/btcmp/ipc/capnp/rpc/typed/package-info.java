/**
 * The bases of the typed interface code mpgen generates on top of the RPC runtime: a generated
 * {@code X.Client} extends {@link org.btcmp.ipc.capnp.rpc.typed.TypedClient} and starts
 * {@link org.btcmp.ipc.capnp.rpc.typed.TypedRequest}s whose promises and responses are generated
 * subclasses of {@link org.btcmp.ipc.capnp.rpc.typed.TypedPromise} and
 * {@link org.btcmp.ipc.capnp.rpc.typed.TypedResponse} (pipelined and result capabilities as typed
 * clients); a generated {@code X.Server} hands each call to a method with a generated subclass of
 * {@link org.btcmp.ipc.capnp.rpc.typed.TypedContext}. Each wraps, and exposes, its untyped runtime
 * object. Not exported: only this module uses it.
 */
package org.btcmp.ipc.capnp.rpc.typed;
