package org.btcmp.node.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.script.Address;

/** Core's control, util and test-support commands. */
final class ControlRpc {
    private final NodeContext node;
    private final RpcTable table;

    private ControlRpc(NodeContext node, RpcTable table) {
        this.node = node;
        this.table = table;
    }

    static void register(RpcTable t, NodeContext node) {
        ControlRpc r = new ControlRpc(node, t);
        t.register(new RpcMethod("help", "control", List.of("command"), 0, "List all commands, or get help for a"
                + " specified command.", r::help));
        t.register(new RpcMethod("stop", "control", List.of("wait"), 0, "Request a graceful shutdown of Bitcoin Core.",
                p -> {
                    node.requestStop().run();
                    return "Bitcoin Core stopping";
                }));
        t.register(new RpcMethod("uptime", "control", List.of(), 0, "Returns the total uptime of the server.",
                p -> System.currentTimeMillis() / 1000 - node.startTime()));
        t.register(new RpcMethod("getrpcinfo", "control", List.of(), 0,
                "Returns details of the RPC server.", p -> r.rpcInfo()));
        t.register(new RpcMethod("logging", "control", List.of("include", "exclude"), 0,
                "Gets and sets the logging configuration.", r::logging));
        t.register(new RpcMethod("echo", "hidden", args("arg", 10), 0, "Simply echo back the input arguments.",
                ControlRpc::echo));
        t.register(new RpcMethod("echojson", "hidden", args("arg", 10), 0, "Simply echo back the input arguments.",
                ControlRpc::echo));
        t.register(new RpcMethod("setmocktime", "hidden", List.of("timestamp"), 1,
                "Set the local time to given timestamp (-regtest only).", r::setMockTime));
        t.register(new RpcMethod("mockscheduler", "hidden", List.of("delta_time"), 1,
                "Bump the scheduler into the future (-regtest only).", r::mockScheduler));
        t.register(new RpcMethod("syncwithvalidationinterfacequeue", "hidden", List.of(), 0,
                "Waits for the validation interface queue to catch up on everything that was there when we entered"
                        + " this function.", p -> null));
        t.register(new RpcMethod("validateaddress", "util", List.of("address"), 1,
                "Return information about the given bitcoin address.", r::validateAddress));
    }

    private static List<String> args(String base, int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(base + i);
        }
        return l;
    }

    private static Object echo(Params p) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            Object v = p.raw(i);
            out.add(v == null ? Json.NULL : v);
        }
        return out;
    }

    private Object help(Params p) throws RpcException {
        if (!p.has(0)) {
            return table.overview();
        }
        String name = p.str(0);
        RpcMethod m = table.get(name);
        if (m == null) {
            return "help: unknown command: " + name;
        }
        return m.usage() + "\n\n" + m.help();
    }

    private Object rpcInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active_commands", table.activeCommands());
        m.put("logpath", node.netDir() == null ? "debug.log" : node.netDir().resolve("debug.log").toAbsolutePath()
                .toString());
        return m;
    }

    private Object logging(Params p) throws RpcException {
        LogCategories categories = node.logCategories();
        for (int i = 0; i < 2; i++) {
            if (p.has(i)) {
                for (Object c : p.array(i)) {
                    try {
                        categories.set(String.valueOf(c), i == 0);
                    } catch (IllegalArgumentException e) {
                        throw new RpcException(RpcException.INVALID_PARAMETER, e.getMessage());
                    }
                }
            }
        }
        return categories.snapshot();
    }

    private Object setMockTime(Params p) throws RpcException {
        long t = p.integer(0);
        if (t < 0) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "Mocktime cannot be negative: " + t + ".");
        }
        node.mockTime().set(t);
        return null;
    }

    private Object mockScheduler(Params p) throws RpcException {
        long d = p.integer(0);
        if (d <= 0 || d > 3600) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "delta_time must be between 1 and 3600");
        }
        return null;
    }

    private Object validateAddress(Params p) throws RpcException {
        String a = p.str(0);
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            Script s = Address.toScript(a, node.params());
            m.put("isvalid", true);
            m.put("address", Address.fromScript(s, node.params()).orElse(a));
            m.put("scriptPubKey", s.toHex());
            m.put("isscript", s.isP2SH() || s.isP2WSH());
            m.put("iswitness", s.isWitnessProgram());
            if (s.isWitnessProgram()) {
                m.put("witness_version", (long) s.witnessVersion());
                m.put("witness_program", org.btcmp.primitives.Hex.encode(s.witnessProgram()));
            }
        } catch (DecodeException e) {
            m.put("isvalid", false);
            m.put("error", e.getMessage());
        }
        return m;
    }
}
