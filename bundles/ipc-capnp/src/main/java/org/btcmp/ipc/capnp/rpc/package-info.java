/**
 * Cap'n Proto RPC (Level 1, two-party) over {@link org.btcmp.ipc.capnp.net.FrameConnection}s, wire
 * compatible with the C++ library. {@link org.btcmp.ipc.capnp.rpc.RpcConnection} is the protocol's
 * connection state (exports, questions, answers, imports); {@link org.btcmp.ipc.capnp.rpc.Capability},
 * {@link org.btcmp.ipc.capnp.rpc.Request}, {@link org.btcmp.ipc.capnp.rpc.RemotePromise} and
 * {@link org.btcmp.ipc.capnp.rpc.Response} are the client side, {@link org.btcmp.ipc.capnp.rpc.Server}
 * and {@link org.btcmp.ipc.capnp.rpc.CallContext} the server side, on which generated interface code
 * is meant to sit. Params and results are read and written in place with capnproto-java builders and
 * readers ({@link org.btcmp.ipc.capnp.rpc.RawStruct}, {@link org.btcmp.ipc.capnp.rpc.CapPointer} for
 * capability pointers, which capnproto-java lacks). Not exported: only this module uses it.
 */
package org.btcmp.ipc.capnp.rpc;
