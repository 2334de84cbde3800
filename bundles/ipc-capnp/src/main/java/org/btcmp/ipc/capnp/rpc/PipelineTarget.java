package org.btcmp.ipc.capnp.rpc;

import org.btcmp.ipc.capnp.rpc.schema.RpcProtocol;
import org.capnproto.StructList;

/**
 * A capability in the results of a question we asked, addressed as (question, pointer path). Calls
 * go out at once, before the answer; the question stays unfinished while this exists, so the callee
 * keeps delivering them in order.
 */
final class PipelineTarget extends CapTarget {
    final RpcConnection connection;
    final Question question;
    final int[] path;

    PipelineTarget(RpcConnection connection, Question question, int[] path) {
        this.connection = connection;
        this.question = question;
        this.path = path;
    }

    @Override
    RemotePromise send(Request request) {
        return connection.sendCall(request, target -> write(target.initPromisedAnswer()));
    }

    void write(RpcProtocol.PromisedAnswer.Builder promised) {
        promised.setQuestionId(question.id);
        StructList.Builder<RpcProtocol.PromisedAnswer.Op.Builder> ops = promised.initTransform(path.length);
        for (int i = 0; i < path.length; i++) {
            ops.get(i).setGetPointerField((short) path[i]);
        }
    }

    @Override
    void dropped() {
        connection.dropQuestionRef(question);
    }
}
