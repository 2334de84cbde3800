package org.btcmp.ipc.capnp.rpc;

/**
 * First-segment sizes of outgoing messages, in words. capnproto-java's default (1024 words, zeroed)
 * costs more to allocate than a small call takes to send; a message that outgrows its first segment
 * simply gets more segments.
 */
final class Messages {
    /** Calls and returns: the RPC header plus small params or results fit. */
    static final int CALL_WORDS = 128;
    /** Finish, Release, Bootstrap, Abort and the like. */
    static final int CONTROL_WORDS = 32;

    private Messages() {
    }
}
