package org.btcmp.mpgen.proxy;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.btcmp.mpgen.java.JavaGenerationException;
import org.btcmp.mpgen.mapping.JavaAnnotations;
import org.btcmp.mpgen.mapping.TypeMapping;
import org.btcmp.mpgen.schema.Node;

/**
 * The codec of a functional interface (java.util.function's, Runnable, or one of ours without a schema
 * interface wrapping it) travelling as a callback interface: the runtime's FunctionCodecs.callback with
 * the call laid out (ordinals, sizes, Context, each argument's codec and offset, the result's) and the two
 * lambdas that adapt the Java function's single method, its type arguments taken from the use site.
 */
final class CallbackExpression {
    private final CodecExpressions codecs;
    private final Type use;
    private final Class<?> type;
    private final Node iface;
    private final String where;

    CallbackExpression(CodecExpressions codecs, Type use, Class<?> type, Node iface, String where) {
        this.codecs = codecs;
        this.use = use;
        this.type = type;
        this.iface = iface;
        this.where = where + " (callback " + TypeMapping.javaName(use) + " as " + iface.shortName() + ")";
    }

    String source() {
        int call = -1;
        int destroy = -1;
        for (int i = 0; i < iface.methods.size(); i++) {
            if (iface.methods.get(i).name().equals("destroy")) {
                destroy = i;
            } else if (call >= 0) {
                throw new JavaGenerationException(where + ": a callback interface has one method besides destroy");
            } else {
                call = i;
            }
        }
        if (call < 0) {
            throw new JavaGenerationException(where + ": the interface has no method to call");
        }
        Node.Method m = iface.methods.get(call);
        Node params = codecs.schema().node(m.paramStructType());
        Node results = codecs.schema().node(m.resultStructType());
        List<SchemaStructs.Slot> slots = new ArrayList<>(SchemaStructs.slots(params));
        int contextOffset = -1;
        if (!slots.isEmpty() && slots.get(0).field().type.which == org.btcmp.mpgen.schema.Type.Which.STRUCT
                && slots.get(0).field().type.typeId == JavaAnnotations.CONTEXT) {
            contextOffset = slots.remove(0).field().offset;
        }
        Method method = TypeMapping.functionalMethod(type);
        Map<TypeVariable<?>, Type> bindings = bindings();
        Type[] argTypes = method.getGenericParameterTypes();
        if (argTypes.length != slots.size()) {
            throw new JavaGenerationException(where + ": " + argTypes.length + " Java parameter(s), " + slots.size()
                    + " in the schema (after context)");
        }
        StringJoiner argCodecs = new StringJoiner(", ", "new " + CodecExpressions.PROXY + "Codec<?>[] {", "}");
        StringJoiner offsets = new StringJoiner(", ", "new int[] {", "}");
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner casts = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < argTypes.length; i++) {
            Type arg = resolve(argTypes[i], bindings);
            argCodecs.add(codecs.forSlot(arg, slots.get(i), where + " parameter " + (i + 1)));
            offsets.add(Integer.toString(slots.get(i).field().offset));
            names.add("a" + i);
            casts.add("(" + CodecExpressions.boxedSource(arg) + ") a[" + i + "]");
        }
        Type returned = method.getGenericReturnType() == void.class ? null : resolve(method.getGenericReturnType(), bindings);
        SchemaStructs.Slot result = SchemaStructs.slots(results).stream().filter(s -> s.name().equals("result"))
                .findFirst().orElse(null);
        if ((returned == null) != (result == null)) {
            throw new JavaGenerationException(where + (returned == null ? ": Java returns void, the schema has a result"
                    : ": Java returns a value, the schema has no result field"));
        }
        String resultCodec = returned == null ? "null" : codecs.forSlot(returned, result, where + " result");
        String call0 = "call.invoke" + names;
        String remote = "call -> " + names + " -> " + (returned == null ? call0 : "(" + CodecExpressions.boxedSource(returned) + ") " + call0);
        String invoke = "f." + method.getName() + casts;
        String local = "(f, a) -> " + (returned == null ? "{\n            " + invoke + ";\n            return null;\n        }" : invoke);
        String fn = CodecExpressions.FUNCTIONS;
        return fn + ".<" + CodecExpressions.source(use) + ">callback(" + CodecExpressions.sourceName(type) + ".class, new "
                + fn + ".Callback(0x" + Long.toHexString(iface.id) + "L, " + call + ", " + destroy + ", "
                + params.dataWordCount + ", " + params.pointerCount + ", " + contextOffset + ", " + argCodecs + ", "
                + offsets + ", " + results.dataWordCount + ", " + results.pointerCount + ", " + resultCodec + ", "
                + (result == null ? -1 : result.field().offset) + "), " + remote + ", " + local + ")";
    }

    private Map<TypeVariable<?>, Type> bindings() {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        TypeVariable<?>[] variables = type.getTypeParameters();
        for (int i = 0; i < variables.length; i++) {
            bindings.put(variables[i], use instanceof ParameterizedType ? CodecExpressions.argument(use, i) : Object.class);
        }
        return bindings;
    }

    private Type resolve(Type t, Map<TypeVariable<?>, Type> bindings) {
        if (t instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            if (bound == null) {
                throw new JavaGenerationException(where + ": the type variable " + v.getName() + " is not bound");
            }
            return bound;
        }
        if (t instanceof ParameterizedType p) {
            for (Type a : p.getActualTypeArguments()) {
                if (!(a instanceof Class<?>)) {
                    throw new JavaGenerationException(where + ": " + t.getTypeName()
                            + " has a type argument mpgen does not substitute; use a concrete type");
                }
            }
        }
        return t;
    }
}
