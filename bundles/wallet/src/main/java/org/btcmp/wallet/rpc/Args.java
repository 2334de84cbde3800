package org.btcmp.wallet.rpc;

import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.RpcCommand.RpcError;

/** One call's positional arguments (named ones already placed by the node) with Core's type checks. */
final class Args {
    private final List<Object> values;

    Args(List<Object> values) {
        this.values = values;
    }

    /** Whether argument {@code i} was given and is not null. */
    boolean has(int i) {
        return i < values.size() && !Json.isNull(values.get(i));
    }

    Object raw(int i) {
        return has(i) ? values.get(i) : null;
    }

    String str(int i) {
        Object v = i < values.size() ? values.get(i) : null;
        if (!(v instanceof String s)) {
            throw typeError(v, "string");
        }
        return s;
    }

    String str(int i, String dflt) {
        return has(i) ? str(i) : dflt;
    }

    long integer(int i, long dflt) {
        if (!has(i)) {
            return dflt;
        }
        Object v = values.get(i);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof java.math.BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new RpcError(Rpc.TYPE_ERROR, "JSON integer out of range");
            }
        }
        throw typeError(v, "number");
    }

    boolean bool(int i, boolean dflt) {
        if (!has(i)) {
            return dflt;
        }
        Object v = values.get(i);
        if (!(v instanceof Boolean b)) {
            throw typeError(v, "bool");
        }
        return b;
    }

    /** An amount in BTC (number or string), in satoshis, with Core's checks. */
    long amount(int i) {
        return Amounts.satoshis(i < values.size() ? values.get(i) : null);
    }

    @SuppressWarnings("unchecked")
    List<Object> array(int i) {
        Object v = i < values.size() ? values.get(i) : null;
        if (!(v instanceof List)) {
            throw typeError(v, "array");
        }
        return (List<Object>) v;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(int i) {
        Object v = i < values.size() ? values.get(i) : null;
        if (!(v instanceof Map)) {
            throw typeError(v, "object");
        }
        return (Map<String, Object>) v;
    }

    static RpcError typeError(Object v, String expected) {
        return new RpcError(Rpc.TYPE_ERROR,
                "JSON value of type " + Json.typeName(v) + " is not of expected type " + expected);
    }
}
