package org.btcmp.ipc.capnp.rpc;

/**
 * Method ordinals of src/test/c++/rpctest.capnp (ids, params and results come from the classes mpgen
 * generates for it, Rpctest). Mirrors that file: change both together.
 */
final class RpcTestSchema {
    static final int ECHO = 0;
    static final int ADD = 1;
    static final int COUNTER_METHOD = 2;
    static final int CALL_BACK = 3;
    static final int FAIL = 4;
    static final int HOLD = 5;
    static final int DROP_HELD = 6;
    static final int SLEEP = 7;
    static final int SIZE = 8;
    static final int LIVE_COUNTERS = 9;
    static final int IDENTITY = 10;
    static final int LATER = 11;

    static final int NEXT = 0;
    static final int VALUE = 1;

    static final int CALL = 0;

    private RpcTestSchema() {
    }
}
