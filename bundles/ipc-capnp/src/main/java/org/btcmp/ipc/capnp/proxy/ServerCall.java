package org.btcmp.ipc.capnp.proxy;

import org.btcmp.ipc.capnp.rpc.CallContext;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.btcmp.ipc.capnp.rpc.RawStruct;

/** One call as a generated server serves it: the params to read and the results to write. */
public final class ServerCall {
    private final CallContext context;
    private final RawStruct.Reader params;
    private final Side paramSide;
    private final Side resultSide;

    ServerCall(ProxyConnection connection, CallContext context) {
        this.context = context;
        this.params = context.params().getAs(RawStruct.ANY);
        this.paramSide = new Side(connection, new CapTable() {
            @Override
            public int add(Capability cap) {
                throw new IllegalStateException("received params take no capabilities");
            }

            @Override
            public Capability get(int index) {
                return context.paramCap(index);
            }
        }, false);
        this.resultSide = new Side(connection, new CapTable() {
            @Override
            public int add(Capability cap) {
                return context.addResultCap(cap);
            }

            @Override
            public Capability get(int index) {
                throw new IllegalStateException("results being written have no capabilities to read");
            }
        }, true);
    }

    public RawStruct.Reader params() {
        return params;
    }

    public Side paramSide() {
        return paramSide;
    }

    Capability paramCap(int index) {
        return context.paramCap(index);
    }

    int addResultCap(Capability cap) {
        return context.addResultCap(cap);
    }

    public RawStruct.Builder initResults(int dataWords, int pointers) {
        return context.results().initAs(RawStruct.factory(dataWords, pointers));
    }

    public Side resultSide() {
        return resultSide;
    }
}
