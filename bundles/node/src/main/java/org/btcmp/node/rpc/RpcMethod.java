package org.btcmp.node.rpc;

import java.util.List;

/** One RPC command: its category and argument names (for named parameters and help) and its handler. */
public record RpcMethod(String name, String category, List<String> args, int required, String help, Handler handler) {

    /** Runs the command; the result is any JSON-writable value. */
    @FunctionalInterface
    public interface Handler {
        Object call(Params params) throws RpcException;
    }

    /** Core's help first line: the name and argument list. */
    public String usage() {
        StringBuilder b = new StringBuilder(name);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            b.append(' ').append(i < required ? "\"" + a + "\"" : "( \"" + a + "\" )");
        }
        return b.toString();
    }
}
