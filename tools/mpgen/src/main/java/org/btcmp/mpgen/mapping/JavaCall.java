package org.btcmp.mpgen.mapping;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A Java method as the method mapping sees it: after the implicit Context, the parameters that are
 * not holders travel in order as the schema's parameters; the return value is the result field
 * {@code result}; holders are further result fields in order. {@code close()} is the schema's {@code destroy}.
 */
record JavaCall(String name, String signature, String owner, List<JavaShape> params, JavaShape result) {
    static JavaCall of(Class<?> owner, Method m) {
        List<JavaShape> params = new ArrayList<>();
        StringJoiner sig = new StringJoiner(", ", owner.getSimpleName() + "." + m.getName() + "(", ")");
        for (Type t : m.getGenericParameterTypes()) {
            params.add(TypeMapping.ofParameter(t));
            sig.add(TypeMapping.javaName(t));
        }
        return new JavaCall(m.getName(), sig.toString(), owner.getName(), params, TypeMapping.ofResult(m.getGenericReturnType()));
    }

    static JavaCall of(JavaShape.Callback callback) {
        StringJoiner sig = new StringJoiner(", ", callback.type().getSimpleName() + "." + callback.method().getName() + "(", ")");
        for (Type t : callback.method().getGenericParameterTypes()) {
            sig.add(TypeMapping.javaName(t));
        }
        return new JavaCall(callback.method().getName(), sig.toString(), callback.type().getName(), callback.params(),
                callback.result());
    }

    /** The methods of an interface that travel: public, not static, not Object's, one per signature. */
    static List<Method> methodsOf(Class<?> type) {
        List<Method> result = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isSynthetic() || m.isBridge() || TypeMapping.isObjectMethod(m)) {
                continue;
            }
            boolean overridden = result.stream().anyMatch(o -> o.getName().equals(m.getName())
                    && java.util.Arrays.equals(o.getParameterTypes(), m.getParameterTypes()));
            if (!overridden) {
                result.add(m);
            }
        }
        result.sort(java.util.Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount));
        return result;
    }

    /** The schema name of a Java method by default. */
    static String schemaName(String javaName) {
        return javaName.equals("close") ? "destroy" : javaName;
    }

    List<JavaShape> inputs() {
        return params.stream().filter(p -> !(p instanceof JavaShape.Out)).toList();
    }

    List<JavaShape> outputs() {
        return params.stream().filter(p -> p instanceof JavaShape.Out).map(p -> ((JavaShape.Out) p).value()).toList();
    }
}
