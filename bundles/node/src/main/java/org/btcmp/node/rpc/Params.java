package org.btcmp.node.rpc;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.Hex;

/** Positional RPC arguments (named ones already mapped to positions) with Core's type checks and errors. */
public final class Params {
    private final List<Object> values;
    private final String uri;

    Params(List<Object> values, String uri) {
        this.values = values;
        this.uri = uri;
    }

    /** The request path ("/" or "/wallet/<name>"), for commands that act on a wallet. */
    public String uri() {
        return uri;
    }

    public int size() {
        return values.size();
    }

    /** Whether argument {@code i} was given and is not JSON null. */
    public boolean has(int i) {
        return i < values.size() && values.get(i) != null && values.get(i) != Json.NULL;
    }

    public Object raw(int i) {
        return has(i) ? values.get(i) : null;
    }

    private static RpcException typeError(Object v, String expected) {
        return new RpcException(RpcException.TYPE_ERROR,
                "JSON value of type " + Json.typeName(v) + " is not of expected type " + expected);
    }

    public String str(int i) throws RpcException {
        Object v = values.get(i);
        if (!(v instanceof String s)) {
            throw typeError(v, "string");
        }
        return s;
    }

    public String str(int i, String dflt) throws RpcException {
        return has(i) ? str(i) : dflt;
    }

    public long integer(int i) throws RpcException {
        Object v = values.get(i);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new RpcException(RpcException.TYPE_ERROR, "JSON integer out of range");
            }
        }
        throw typeError(v, "number");
    }

    public long integer(int i, long dflt) throws RpcException {
        return has(i) ? integer(i) : dflt;
    }

    public boolean bool(int i, boolean dflt) throws RpcException {
        if (!has(i)) {
            return dflt;
        }
        Object v = values.get(i);
        if (!(v instanceof Boolean b)) {
            throw typeError(v, "bool");
        }
        return b;
    }

    public BigDecimal number(int i) throws RpcException {
        Object v = values.get(i);
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new RpcException(RpcException.TYPE_ERROR, "Invalid amount");
            }
        }
        throw typeError(v, "number");
    }

    @SuppressWarnings("unchecked")
    public List<Object> array(int i) throws RpcException {
        Object v = values.get(i);
        if (!(v instanceof List)) {
            throw typeError(v, "array");
        }
        return (List<Object>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object(int i) throws RpcException {
        Object v = values.get(i);
        if (!(v instanceof Map)) {
            throw typeError(v, "object");
        }
        return (Map<String, Object>) v;
    }

    /** A 64-character hex hash, with Core's messages for each way it can be wrong. */
    public Hash256 hash(int i, String name) throws RpcException {
        String s = str(i);
        return parseHash(s, name);
    }

    public static Hash256 parseHash(String s, String name) throws RpcException {
        if (s.length() != 64) {
            throw new RpcException(RpcException.INVALID_PARAMETER,
                    name + " must be of length 64 (not " + s.length() + ", for '" + s + "')");
        }
        if (!Hex.isHex(s)) {
            throw new RpcException(RpcException.INVALID_PARAMETER,
                    name + " must be hexadecimal string (not '" + s + "')");
        }
        return Hash256.fromHex(s);
    }

    public byte[] hex(int i, String name) throws RpcException {
        String s = str(i);
        try {
            return Hex.decode(s);
        } catch (DecodeException e) {
            throw new RpcException(RpcException.INVALID_PARAMETER, name + " must be hexadecimal string (not '"
                    + s + "')");
        }
    }
}
