package org.btcmp.mpgen.proxy;

/**
 * Wraps a generated method body in the runtime's {@code -debug=ipc} trace (CallTrace in ipc-capnp):
 * the start time before the call, one line with the schema's interface and method names after it,
 * whether it returned or threw.
 */
final class CallTraces {
    private static final String TRACE = "org.btcmp.ipc.capnp.trace.CallTrace";

    private CallTraces() {
    }

    /** {@code body}: statements indented by 8; {@code side}: client or server. */
    static String wrap(String body, String side, String iface, String method) {
        StringBuilder sb = new StringBuilder("        long traced = ").append(TRACE).append(".start();\n")
                .append("        try {\n");
        body.lines().forEach(line -> sb.append(line.isEmpty() ? "" : "    ").append(line).append('\n'));
        return sb.append("        } finally {\n            ").append(TRACE).append('.').append(side)
                .append("(traced, \"").append(iface).append("\", \"").append(method).append("\");\n        }\n")
                .toString();
    }
}
