package org.btcmp.wallet.rpc;

import java.util.List;
import org.btcmp.common.json.Json;

/**
 * One wallet RPC: its name, argument names (positional order, also the named-parameter keys), how many
 * are required, and its body, which returns any value {@link Json} can write.
 */
record Command(String name, List<String> args, int required, Body body) {

    @FunctionalInterface
    interface Body {
        Object run(Args args, Call call);
    }

    static Command of(String name, int required, Body body, String... args) {
        return new Command(name, List.of(args), required, body);
    }

    /** Core's first help line: the name and the argument list. */
    String usage() {
        StringBuilder b = new StringBuilder(name);
        for (int i = 0; i < args.size(); i++) {
            b.append(' ').append(i < required ? "\"" + args.get(i) + "\"" : "( \"" + args.get(i) + "\" )");
        }
        return b.toString();
    }
}
