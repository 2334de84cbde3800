package org.btcmp.ipc.capnp.rpc;

import org.btcmp.ipc.capnp.rpc.schema.RpcProtocol;
import org.capnproto.MessageBuilder;

/**
 * The small protocol messages the connection sends on its own, and first-segment sizes. capnproto-
 * java's default first segment (1024 words, zeroed) costs more to allocate than a small call takes to
 * send; a message that outgrows its first segment simply gets more segments.
 */
final class Messages {
    /** Calls and returns: the RPC header plus small params or results fit. */
    static final int CALL_WORDS = 128;
    /** Finish, Release, Bootstrap, Abort and the like. */
    static final int CONTROL_WORDS = 32;

    private Messages() {
    }

    static MessageBuilder control() {
        return new MessageBuilder(CONTROL_WORDS);
    }

    static RpcProtocol.Message.Builder root(MessageBuilder message) {
        return message.initRoot(RpcProtocol.Message.factory);
    }

    static MessageBuilder exceptionReturn(int answerId, RpcException failure) {
        MessageBuilder message = control();
        RpcProtocol.Return.Builder ret = root(message).initReturn();
        ret.setAnswerId(answerId);
        ret.setReleaseParamCaps(false);
        failure.write(ret.initException());
        return message;
    }

    static MessageBuilder canceledReturn(int answerId) {
        MessageBuilder message = control();
        RpcProtocol.Return.Builder ret = root(message).initReturn();
        ret.setAnswerId(answerId);
        ret.setReleaseParamCaps(false);
        ret.setCanceled(org.capnproto.Void.VOID);
        return message;
    }

    static MessageBuilder resultsSentElsewhere(int answerId) {
        MessageBuilder message = control();
        RpcProtocol.Return.Builder ret = root(message).initReturn();
        ret.setAnswerId(answerId);
        ret.setReleaseParamCaps(false);
        ret.setResultsSentElsewhere(org.capnproto.Void.VOID);
        return message;
    }

    /** Finish for a question; result capabilities are released one by one with Release, as C++ does. */
    static MessageBuilder finish(int questionId) {
        MessageBuilder message = control();
        RpcProtocol.Finish.Builder finish = root(message).initFinish();
        finish.setQuestionId(questionId);
        finish.setReleaseResultCaps(false);
        return message;
    }

    static MessageBuilder release(int importId, int referenceCount) {
        MessageBuilder message = control();
        RpcProtocol.Release.Builder release = root(message).initRelease();
        release.setId(importId);
        release.setReferenceCount(referenceCount);
        return message;
    }

    static MessageBuilder abort(String reason) {
        MessageBuilder message = control();
        new RpcException(RpcException.Type.FAILED, reason).write(root(message).initAbort());
        return message;
    }
}
