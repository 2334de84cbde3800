package org.btcmp.ipc.capnp.rpc;

import java.util.concurrent.CompletableFuture;

/**
 * A call (or bootstrap) we sent, from the question's point of view. It stays in the table until both
 * its Return has arrived and we have sent Finish, which happens once nothing here refers to it any more:
 * not its promise or response, not a pipelined capability.
 */
final class Question {
    int id;
    final CompletableFuture<Response> answer = new CompletableFuture<>();
    /** Holders: the promise (until it or its response closes) and each pipelined capability. */
    int refs = 1;
    boolean returned;
    boolean finishSent;
    /** Its Finish, after the Return, may wait for the next message (see {@link Request#letFinishWait}). */
    boolean finishMayWait;
    Response response;
    /** Drops the promise's hold; shared by the promise and its response so it happens once. */
    Runnable dropPromiseRef;
    /** Ids of our exports written in the params, released if the Return says so. */
    int[] paramExports = new int[0];
}
