package org.btcmp.mpgen.proxy;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.mpgen.java.JavaGenerationException;

/**
 * How one Java method's values sit in its schema method's params and results: after the Context, the
 * parameters that are not holders in order; the return value in {@code result}; holders in the other
 * result fields in order. Each entry names its codec (a static field of the generated class).
 */
final class MethodShape {
    /** One value: the Java parameter index (-1 for the return value), its type, slot and codec field. */
    record Value(int javaIndex, Type type, SchemaStructs.Slot slot, String codecField, String codec) {
    }

    final List<Value> inputs = new ArrayList<>();
    final List<Value> outputs = new ArrayList<>();

    MethodShape(ProxyGenerator.MethodPlan plan, CodecExpressions codecs, String owner) {
        Method java = plan.java();
        String where = owner + "." + java.getName() + " vs " + plan.method().name() + " @" + plan.ordinal();
        List<SchemaStructs.Slot> params = new ArrayList<>(SchemaStructs.slots(plan.params()));
        if (plan.contextOffset() >= 0) {
            params.remove(0);
        }
        List<SchemaStructs.Slot> results = new ArrayList<>(SchemaStructs.slots(plan.results()));
        SchemaStructs.Slot result = results.stream().filter(s -> s.name().equals("result")).findFirst().orElse(null);
        results.remove(result);
        Type[] types = java.getGenericParameterTypes();
        int in = 0;
        int out = 0;
        for (int j = 0; j < types.length; j++) {
            Type held = CodecExpressions.heldType(types[j]);
            if (held == null) {
                if (in >= params.size()) {
                    throw new JavaGenerationException(where + ": more Java parameters than schema parameters");
                }
                SchemaStructs.Slot slot = params.get(in);
                inputs.add(new Value(j, types[j], slot, "P" + plan.ordinal() + "_" + in++,
                        codecs.forSlot(types[j], slot, where)));
            } else {
                if (out >= results.size()) {
                    throw new JavaGenerationException(where + ": more Java output parameters than result fields");
                }
                SchemaStructs.Slot slot = results.get(out);
                outputs.add(new Value(j, held, slot, "R" + plan.ordinal() + "_" + (out++ + 1),
                        codecs.forSlot(held, slot, where)));
            }
        }
        if (in != params.size() || out != results.size()) {
            throw new JavaGenerationException(where + ": parameter or result counts differ (run mpgen check)");
        }
        Type returned = java.getGenericReturnType();
        if (returned != void.class) {
            if (result == null) {
                throw new JavaGenerationException(where + ": Java returns a value, the schema has no result field");
            }
            outputs.add(0, new Value(-1, returned, result, "R" + plan.ordinal() + "_0", codecs.forSlot(returned, result, where)));
        }
    }

    List<Value> all() {
        List<Value> all = new ArrayList<>(inputs);
        all.addAll(outputs);
        return all;
    }
}
