package org.btcmp.ipc.capnp.rpc;

import org.btcmp.ipc.capnp.rpc.schema.RpcProtocol;
import org.capnproto.StructList;

/**
 * A one-line description of every RPC message sent and received, on stderr, when the system property
 * {@value #PROPERTY} is true: for finding out which side broke a protocol exchange. Off by default,
 * and then costs one constant test per message.
 */
final class Trace {
    static final String PROPERTY = "org.btcmp.ipc.capnp.rpc.trace";
    static final boolean ON = Boolean.getBoolean(PROPERTY);

    private Trace() {
    }

    static void sent(RpcConnection connection, RpcProtocol.Message.Reader message) {
        System.err.println("rpc " + connection.name() + " -> " + describe(message));
    }

    static void received(RpcConnection connection, RpcProtocol.Message.Reader message) {
        System.err.println("rpc " + connection.name() + " <- " + describe(message));
    }

    static String describe(RpcProtocol.Message.Reader message) {
        StringBuilder line = new StringBuilder(message.which().toString());
        switch (message.which()) {
            case CALL -> {
                RpcProtocol.Call.Reader call = message.getCall();
                line.append(" question=").append(call.getQuestionId()).append(" method=")
                        .append(Long.toHexString(call.getInterfaceId())).append('.').append(call.getMethodId());
                target(line, call.getTarget());
                line.append(" sendResultsTo=").append(call.getSendResultsTo().which());
                caps(line, call.getParams().getCapTable());
            }
            case RETURN -> {
                RpcProtocol.Return.Reader ret = message.getReturn();
                line.append(" answer=").append(ret.getAnswerId()).append(' ').append(ret.which());
                if (ret.isResults()) {
                    caps(line, ret.getResults().getCapTable());
                } else if (ret.isException()) {
                    line.append(' ').append(ret.getException().getReason());
                } else if (ret.isTakeFromOtherQuestion()) {
                    line.append(' ').append(ret.getTakeFromOtherQuestion());
                }
            }
            case FINISH -> line.append(" question=").append(message.getFinish().getQuestionId());
            case RELEASE -> line.append(" id=").append(message.getRelease().getId()).append(" count=")
                    .append(message.getRelease().getReferenceCount());
            case RESOLVE -> {
                RpcProtocol.Resolve.Reader resolve = message.getResolve();
                line.append(" promise=").append(resolve.getPromiseId()).append(' ').append(resolve.which());
                if (resolve.isCap()) {
                    cap(line.append(' '), resolve.getCap());
                }
            }
            case DISEMBARGO -> {
                RpcProtocol.Disembargo.Reader disembargo = message.getDisembargo();
                line.append(' ').append(disembargo.getContext().which());
                target(line, disembargo.getTarget());
            }
            case BOOTSTRAP -> line.append(" question=").append(message.getBootstrap().getQuestionId());
            default -> {
            }
        }
        return line.toString();
    }

    private static void target(StringBuilder line, RpcProtocol.MessageTarget.Reader target) {
        if (target.isImportedCap()) {
            line.append(" target=import ").append(target.getImportedCap());
        } else {
            line.append(" target=answer ").append(target.getPromisedAnswer().getQuestionId());
        }
    }

    private static void caps(StringBuilder line, StructList.Reader<RpcProtocol.CapDescriptor.Reader> table) {
        line.append(" caps=[");
        for (int i = 0; i < table.size(); i++) {
            cap(line.append(i == 0 ? "" : ", "), table.get(i));
        }
        line.append(']');
    }

    private static void cap(StringBuilder line, RpcProtocol.CapDescriptor.Reader descriptor) {
        line.append(descriptor.which());
        switch (descriptor.which()) {
            case SENDER_HOSTED -> line.append(' ').append(descriptor.getSenderHosted());
            case SENDER_PROMISE -> line.append(' ').append(descriptor.getSenderPromise());
            case RECEIVER_HOSTED -> line.append(' ').append(descriptor.getReceiverHosted());
            case RECEIVER_ANSWER -> line.append(' ').append(descriptor.getReceiverAnswer().getQuestionId());
            default -> {
            }
        }
    }
}
