package org.btcmp.mpgen.mapping;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.btcmp.mpgen.schema.Type.Which;

/**
 * The automatic type hooks as one table: Java type to wire shape.
 * <pre>
 * boolean/Boolean      Bool            String                 Text
 * byte/Byte            Int8 (UInt8)    byte[]                 Data
 * short/Short          Int16 (UInt16)  List, Set, Collection, T[]   List(T)
 * char/Character       UInt16          Map(K, V)              List(entry struct {key, value})
 * int/Integer          Int32 (UInt32)  Optional(T), OptionalInt/Long/Double   field T + has(Field) :Bool
 * long/Long            Int64 (UInt64)  enum                   enum, constants by name
 * float/Float          Float32         record                 struct, component for field
 * double/Double        Float64         interface              capability (live reference)
 * functional interface (java.util.function, @FunctionalInterface)  callback capability
 * AtomicReference(T), AtomicInteger/Long/Boolean as a parameter    output parameter (a result field)
 * </pre>
 * Java has no unsigned types, so the unsigned schema types of the same width are accepted too (the bits
 * travel unchanged); skeletons use the signed ones. Anything else needs an explicit converter.
 */
public final class TypeMapping {
    private static final Map<Class<?>, JavaShape.Primitive> PRIMITIVES = new HashMap<>();

    static {
        primitive(List.of(Which.BOOL), boolean.class, Boolean.class);
        primitive(List.of(Which.INT8, Which.UINT8), byte.class, Byte.class);
        primitive(List.of(Which.INT16, Which.UINT16), short.class, Short.class);
        primitive(List.of(Which.UINT16), char.class, Character.class);
        primitive(List.of(Which.INT32, Which.UINT32), int.class, Integer.class);
        primitive(List.of(Which.INT64, Which.UINT64), long.class, Long.class);
        primitive(List.of(Which.FLOAT32), float.class, Float.class);
        primitive(List.of(Which.FLOAT64), double.class, Double.class);
    }

    private TypeMapping() {
    }

    private static void primitive(List<Which> wire, Class<?> unboxed, Class<?> boxed) {
        PRIMITIVES.put(unboxed, new JavaShape.Primitive(unboxed, wire));
        PRIMITIVES.put(boxed, new JavaShape.Primitive(boxed, wire));
    }

    /** The shape of a method's return type, or null for void. */
    public static JavaShape ofResult(Type type) {
        return type == void.class || type == Void.class ? null : of(type, Map.of());
    }

    /** The shape of a parameter type: as {@link #of}, and holders are output parameters. */
    public static JavaShape ofParameter(Type type) {
        return ofParameter(type, Map.of());
    }

    static JavaShape ofParameter(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = raw(type);
        if (raw == AtomicReference.class) {
            return new JavaShape.Out(of(argument(type, 0), bindings));
        }
        if (raw == AtomicInteger.class) {
            return new JavaShape.Out(PRIMITIVES.get(int.class));
        }
        if (raw == AtomicLong.class) {
            return new JavaShape.Out(PRIMITIVES.get(long.class));
        }
        if (raw == AtomicBoolean.class) {
            return new JavaShape.Out(PRIMITIVES.get(boolean.class));
        }
        return of(type, bindings);
    }

    /** The shape of a value type. */
    public static JavaShape of(Type type) {
        return of(type, Map.of());
    }

    static JavaShape of(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            return bound != null ? of(bound, bindings) : new JavaShape.Unmapped(type, "an unbound type variable");
        }
        if (type instanceof WildcardType w) {
            Type[] lower = w.getLowerBounds();
            return of(lower.length > 0 ? lower[0] : w.getUpperBounds()[0], bindings);
        }
        if (type instanceof GenericArrayType a) {
            return new JavaShape.ListOf(of(a.getGenericComponentType(), bindings));
        }
        Class<?> raw = raw(type);
        if (raw == null) {
            return new JavaShape.Unmapped(type, "a type mpgen cannot resolve");
        }
        JavaShape.Primitive primitive = PRIMITIVES.get(raw);
        if (primitive != null) {
            return primitive;
        }
        if (raw == String.class) {
            return new JavaShape.Text();
        }
        if (raw == byte[].class) {
            return new JavaShape.Data();
        }
        if (raw.isArray()) {
            return new JavaShape.ListOf(of(raw.getComponentType(), bindings));
        }
        if (raw == List.class || raw == Set.class || raw == Collection.class) {
            return new JavaShape.ListOf(of(argument(type, 0), bindings));
        }
        if (raw == Map.class) {
            return new JavaShape.MapOf(of(argument(type, 0), bindings), of(argument(type, 1), bindings));
        }
        if (raw == Optional.class) {
            return new JavaShape.Maybe(of(argument(type, 0), bindings));
        }
        if (raw == OptionalInt.class) {
            return new JavaShape.Maybe(PRIMITIVES.get(int.class));
        }
        if (raw == OptionalLong.class) {
            return new JavaShape.Maybe(PRIMITIVES.get(long.class));
        }
        if (raw == OptionalDouble.class) {
            return new JavaShape.Maybe(PRIMITIVES.get(double.class));
        }
        if (raw.isEnum()) {
            return new JavaShape.EnumOf(raw);
        }
        if (raw.isRecord()) {
            return new JavaShape.RecordOf(raw);
        }
        if (raw.isInterface()) {
            return isFunctional(raw) ? callback(type, raw, bindings) : new JavaShape.Capability(raw);
        }
        return new JavaShape.Unmapped(type, "a class with no automatic mapping (needs an explicit converter)");
    }

    /** Functional interfaces become callbacks; other interfaces are capabilities with all their methods. */
    public static boolean isFunctional(Class<?> type) {
        return type.isInterface() && (type.isAnnotationPresent(FunctionalInterface.class)
                || type.getPackageName().equals("java.util.function")) && functionalMethod(type) != null;
    }

    /** The single abstract method of a functional interface, or null. */
    public static Method functionalMethod(Class<?> type) {
        Method found = null;
        for (Method m : type.getMethods()) {
            if (Modifier.isAbstract(m.getModifiers()) && !isObjectMethod(m)) {
                if (found != null) {
                    return null;
                }
                found = m;
            }
        }
        return found;
    }

    static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static JavaShape callback(Type use, Class<?> raw, Map<TypeVariable<?>, Type> outer) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>(outer);
        TypeVariable<?>[] variables = raw.getTypeParameters();
        if (use instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bindings.put(variables[i], args[i]);
            }
        }
        Method method = functionalMethod(raw);
        List<JavaShape> params = new ArrayList<>();
        for (Type t : method.getGenericParameterTypes()) {
            params.add(ofParameter(t, bindings));
        }
        Type result = method.getGenericReturnType();
        return new JavaShape.Callback(raw, method, params, result == void.class ? null : of(result, bindings));
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    /** A short Java spelling of a type for messages: simple names, type arguments kept. */
    public static String javaName(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? javaName(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            StringBuilder sb = new StringBuilder(javaName(p.getRawType())).append('<');
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < args.length; i++) {
                sb.append(i > 0 ? ", " : "").append(javaName(args[i]));
            }
            return sb.append('>').toString();
        }
        if (type instanceof GenericArrayType a) {
            return javaName(a.getGenericComponentType()) + "[]";
        }
        return type.getTypeName();
    }
}
