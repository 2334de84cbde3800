package org.btcmp.node.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.btcmp.common.json.Json;

/**
 * Turns a JSON-RPC request body into Core's reply: legacy 1.x replies (result, error, id; HTTP
 * 404/400/500 on errors) or 2.0 replies (HTTP 200, no reply to notifications), batches, named
 * parameters, and warm-up refusals.
 */
public final class JsonRpcDispatcher {
    private final RpcTable table;
    private final Supplier<String> warmup;

    /** An HTTP status and body; a null body means 204 No Content. */
    public record Reply(int status, String body) {
    }

    /** {@code warmup} returns a status message while the node is starting, null once it serves. */
    public JsonRpcDispatcher(RpcTable table, Supplier<String> warmup) {
        this.table = table;
        this.warmup = warmup;
    }

    public Reply handle(String body, String uri) {
        Object request;
        try {
            request = Json.parse(body);
        } catch (Json.ParseException e) {
            return new Reply(500, Json.write(legacy(null, error(RpcException.PARSE_ERROR, "Parse error"))));
        }
        if (request instanceof Map<?, ?> m) {
            One r = executeOne(m, uri);
            if (r.v2 && r.notification) {
                return new Reply(204, null);
            }
            int status = 200;
            if (!r.v2 && r.errorCode != 0) {
                status = r.errorCode == RpcException.INVALID_REQUEST ? 400
                        : r.errorCode == RpcException.METHOD_NOT_FOUND ? 404 : 500;
            }
            return new Reply(status, Json.write(r.reply));
        }
        if (request instanceof List<?> batch) {
            List<Object> replies = new ArrayList<>();
            for (Object item : batch) {
                if (item instanceof Map<?, ?> m) {
                    One r = executeOne(m, uri);
                    if (!(r.v2 && r.notification)) {
                        replies.add(r.reply);
                    }
                } else {
                    replies.add(legacy(null, error(RpcException.INVALID_REQUEST, "Invalid Request object")));
                }
            }
            return new Reply(200, Json.write(replies));
        }
        return new Reply(500, Json.write(legacy(null, error(RpcException.PARSE_ERROR, "Top-level object parse error"))));
    }

    private record One(Map<String, Object> reply, boolean v2, boolean notification, int errorCode) {
    }

    private One executeOne(Map<?, ?> req, String uri) {
        Object id = req.containsKey("id") ? req.get("id") : Json.NULL;
        boolean v2 = false;
        Object version = req.get("jsonrpc");
        if (version != null && version != Json.NULL) {
            if ("2.0".equals(version)) {
                v2 = true;
            } else if (!"1.0".equals(version)) {
                return failure(id, false, false, RpcException.INVALID_REQUEST, "JSON-RPC version not supported");
            }
        }
        boolean notification = v2 && !req.containsKey("id");
        try {
            Object result = execute(req, uri);
            Map<String, Object> reply = new LinkedHashMap<>();
            if (v2) {
                reply.put("jsonrpc", "2.0");
                reply.put("result", result == null ? Json.NULL : result);
            } else {
                reply.put("result", result == null ? Json.NULL : result);
                reply.put("error", Json.NULL);
            }
            reply.put("id", id);
            return new One(reply, v2, notification, 0);
        } catch (RpcException e) {
            return failure(id, v2, notification, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            return failure(id, v2, notification, RpcException.MISC_ERROR, String.valueOf(e.getMessage()));
        }
    }

    private One failure(Object id, boolean v2, boolean notification, int code, String message) {
        Map<String, Object> reply = new LinkedHashMap<>();
        if (v2) {
            reply.put("jsonrpc", "2.0");
            reply.put("error", error(code, message));
            reply.put("id", id);
        } else {
            reply = legacy(id, error(code, message));
        }
        return new One(reply, v2, notification, code);
    }

    private Object execute(Map<?, ?> req, String uri) throws RpcException {
        Object method = req.get("method");
        if (method == null || method == Json.NULL) {
            throw new RpcException(RpcException.INVALID_REQUEST, "Missing method");
        }
        if (!(method instanceof String name)) {
            throw new RpcException(RpcException.INVALID_REQUEST, "Method must be a string");
        }
        Object params = req.get("params");
        if (params != null && params != Json.NULL && !(params instanceof List) && !(params instanceof Map)) {
            throw new RpcException(RpcException.INVALID_REQUEST, "Params must be an array or object");
        }
        String status = warmup.get();
        if (status != null) {
            throw new RpcException(RpcException.IN_WARMUP, status);
        }
        RpcMethod m = table.get(name);
        if (m == null) {
            throw new RpcException(RpcException.METHOD_NOT_FOUND, "Method not found");
        }
        List<Object> positional = positional(m, params);
        if (positional.size() > m.args().size() || countGiven(positional) < m.required()) {
            throw new RpcException(RpcException.MISC_ERROR, m.usage() + "\n\n" + m.help());
        }
        long call = table.started(m.name());
        try {
            return m.handler().call(new Params(positional, uri));
        } finally {
            table.finished(call);
        }
    }

    private static int countGiven(List<Object> args) {
        int n = 0;
        while (n < args.size() && args.get(n) != Json.NULL && args.get(n) != null) {
            n++;
        }
        return n;
    }

    /**
     * The arguments by position. Named ones go to their method's positions; a named {@code args}
     * array (bitcoin-cli -named with words that have no name) supplies the first positions, as in
     * Core, and naming one of those positions as well is an error.
     */
    private static List<Object> positional(RpcMethod m, Object params) throws RpcException {
        if (params instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        List<Object> out = new ArrayList<>();
        if (params instanceof Map<?, ?> named) {
            List<?> leading = !m.args().contains("args") && named.get("args") instanceof List<?> l ? l : null;
            for (Object key : named.keySet()) {
                if (!m.args().contains(key) && !(leading != null && "args".equals(key))) {
                    throw new RpcException(RpcException.INVALID_PARAMETER, "Unknown named parameter " + key);
                }
            }
            int last = -1;
            for (int i = 0; i < m.args().size(); i++) {
                if (named.containsKey(m.args().get(i))) {
                    last = i;
                }
            }
            for (int i = 0; i <= last; i++) {
                Object v = named.get(m.args().get(i));
                out.add(v == null ? Json.NULL : v);
            }
            if (leading != null) {
                for (int i = 0; i < leading.size() && i < m.args().size(); i++) {
                    if (named.containsKey(m.args().get(i))) {
                        throw new RpcException(RpcException.INVALID_PARAMETER, "Parameter " + m.args().get(i)
                                + " specified twice both as positional and named argument");
                    }
                }
                List<Object> merged = new ArrayList<>(leading);
                for (int i = leading.size(); i < out.size(); i++) {
                    merged.add(out.get(i));
                }
                return merged;
            }
        }
        return out;
    }

    private static Map<String, Object> error(int code, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", (long) code);
        e.put("message", message);
        return e;
    }

    private static Map<String, Object> legacy(Object id, Map<String, Object> error) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("result", Json.NULL);
        r.put("error", error);
        r.put("id", id == null ? Json.NULL : id);
        return r;
    }
}
