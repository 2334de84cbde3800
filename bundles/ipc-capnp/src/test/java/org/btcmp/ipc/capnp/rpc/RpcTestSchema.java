package org.btcmp.ipc.capnp.rpc;

/**
 * Ids and layouts of src/test/c++/rpctest.capnp as `capnp compile -ocapnp` prints them (interface
 * ids; data offsets in field-size units, pointer indexes). Mirrors that file: change both together.
 */
final class RpcTestSchema {
    static final long CALC = 0xd60620568959175cL;
    static final long COUNTER = 0xeb8edcb5bdb3ca7aL;
    static final long CALLBACK = 0xd7a54f1f3d0c9eceL;

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
    static final int RESOLVE_LATER = 12;

    static final int NEXT = 0;
    static final int VALUE = 1;

    static final int CALL = 0;
    static final int GATHER = 1;

    /** Item: name (pointer 0), calc (pointer 1), no data. */
    static final int ITEM_POINTERS = 2;

    private RpcTestSchema() {
    }
}
