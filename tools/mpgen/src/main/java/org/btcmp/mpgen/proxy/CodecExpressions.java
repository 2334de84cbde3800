package org.btcmp.mpgen.proxy;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.btcmp.mpgen.java.JavaGenerationException;
import org.btcmp.mpgen.mapping.JavaAnnotations;
import org.btcmp.mpgen.mapping.TypeMapping;
import org.btcmp.mpgen.schema.Field;
import org.btcmp.mpgen.schema.Node;

/**
 * The Java source of the runtime codec (one of the {@code *Codecs} families of org.btcmp.ipc.capnp.proxy)
 * that carries one Java type as one schema type: the automatic type hooks, or the explicit converter a field names.
 */
final class CodecExpressions {
    static final String PROXY = "org.btcmp.ipc.capnp.proxy.";
    static final String NUMBERS = PROXY + "NumberCodecs";
    static final String TEXTS = PROXY + "TextCodecs";
    static final String LISTS = PROXY + "ListCodecs";
    static final String MAPS = PROXY + "MapCodecs";
    static final String ENUMS = PROXY + "EnumCodecs";
    static final String OPTIONALS = PROXY + "OptionalCodecs";
    static final String INTERFACES = PROXY + "InterfaceCodecs";
    static final String STRUCTS = PROXY + "StructCodecs";
    static final String FUNCTIONS = PROXY + "FunctionCodecs";
    private final SchemaStructs schema;

    CodecExpressions(SchemaStructs schema) {
        this.schema = schema;
    }

    SchemaStructs schema() {
        return schema;
    }

    /** The codec for a slot (field plus its has-flag) holding a value of {@code java}. */
    String forSlot(Type java, SchemaStructs.Slot slot, String where) {
        String converter = JavaAnnotations.text(slot.field().annotations, JavaAnnotations.CONVERTER);
        if (converter != null) {
            return "new " + converter + "()";
        }
        Class<?> raw = raw(java);
        if (slot.presence() != null) {
            int presence = slot.presence().offset;
            if (raw == OptionalInt.class) {
                return OPTIONALS + ".optionalInt(" + presence + ")";
            } else if (raw == OptionalLong.class) {
                return OPTIONALS + ".optionalLong(" + presence + ")";
            } else if (raw == OptionalDouble.class) {
                return OPTIONALS + ".optionalDouble(" + presence + ")";
            } else if (raw == Optional.class) {
                return OPTIONALS + ".optional(" + forType(argument(java, 0), slot.field().type, where) + ", " + presence + ")";
            }
            throw new JavaGenerationException(where + ": " + slot.name() + " has " + slot.presence().name
                    + " :Bool, so its Java type must be an Optional, not " + java.getTypeName());
        }
        return forType(java, slot.field().type, where);
    }

    /** The codec of a value type (no has-flag). */
    String forType(Type java, org.btcmp.mpgen.schema.Type wire, String where) {
        Class<?> raw = raw(java);
        if (raw == boolean.class || raw == Boolean.class) {
            return NUMBERS + ".BOOL";
        } else if (raw == byte.class || raw == Byte.class) {
            return NUMBERS + ".INT8";
        } else if (raw == short.class || raw == Short.class) {
            return NUMBERS + ".INT16";
        } else if (raw == char.class || raw == Character.class) {
            return NUMBERS + ".CHAR";
        } else if (raw == int.class || raw == Integer.class) {
            return NUMBERS + ".INT32";
        } else if (raw == long.class || raw == Long.class) {
            return NUMBERS + ".INT64";
        } else if (raw == float.class || raw == Float.class) {
            return NUMBERS + ".FLOAT32";
        } else if (raw == double.class || raw == Double.class) {
            return NUMBERS + ".FLOAT64";
        } else if (raw == String.class) {
            return TEXTS + ".TEXT";
        } else if (raw == byte[].class) {
            return TEXTS + ".DATA";
        } else if (raw == List.class) {
            return LISTS + ".list(" + forType(argument(java, 0), wire.elementType, where) + ")";
        } else if (raw == Collection.class) {
            return LISTS + ".collection(" + forType(argument(java, 0), wire.elementType, where) + ")";
        } else if (raw == Set.class) {
            return LISTS + ".set(" + forType(argument(java, 0), wire.elementType, where) + ")";
        } else if (raw == Map.class) {
            return map(java, wire, where);
        } else if (raw.isEnum()) {
            return enumeration(raw, wire);
        } else if (raw.isRecord()) {
            return record(raw, wire, where);
        } else if (raw.isInterface()) {
            return wire.which == org.btcmp.mpgen.schema.Type.Which.INTERFACE && TypeMapping.isFunctional(raw)
                    && !raw.getName().equals(JavaAnnotations.text(schema.node(wire.typeId).annotations, JavaAnnotations.WRAPS))
                    ? new CallbackExpression(this, java, raw, schema.node(wire.typeId), where).source()
                    : INTERFACES + ".object(" + sourceName(raw) + ".class)";
        }
        throw new JavaGenerationException(where + ": no automatic mapping for " + java.getTypeName()
                + " (name an explicit converter with $Java.converter)");
    }

    private String map(Type java, org.btcmp.mpgen.schema.Type wire, String where) {
        Node entry = schema.node(wire.elementType.typeId);
        Field key = field(entry, "key", where);
        Field value = field(entry, "value", where);
        return MAPS + ".mapOf(" + entry.dataWordCount + ", " + entry.pointerCount + ", "
                + forType(argument(java, 0), key.type, where) + ", " + key.offset + ", "
                + forType(argument(java, 1), value.type, where) + ", " + value.offset + ")";
    }

    private String enumeration(Class<?> type, org.btcmp.mpgen.schema.Type wire) {
        Node node = schema.node(wire.typeId);
        StringJoiner constants = new StringJoiner(", ", "new " + sourceName(type) + "[] {", "}");
        for (Node.Enumerant e : node.enumerants) {
            String javaName = JavaAnnotations.text(e.annotations(), JavaAnnotations.NAME);
            constants.add(sourceName(type) + "." + (javaName != null ? javaName : constantName(e.name())));
        }
        return ENUMS + ".enumOf(" + sourceName(type) + ".class, " + constants + ")";
    }

    private String record(Class<?> type, org.btcmp.mpgen.schema.Type wire, String where) {
        Node struct = schema.node(wire.typeId);
        List<SchemaStructs.Slot> slots = SchemaStructs.slots(struct);
        String name = sourceName(type);
        StringJoiner args = new StringJoiner(", ", "new " + name + "(", ")");
        StringJoiner components = new StringJoiner(", ");
        RecordComponent[] rc = type.getRecordComponents();
        for (int i = 0; i < rc.length; i++) {
            SchemaStructs.Slot slot = slotFor(slots, rc[i].getName());
            if (slot == null) {
                throw new JavaGenerationException(where + ": struct " + struct.shortName() + " has no field for "
                        + name + "." + rc[i].getName());
            }
            String componentType = boxedSource(rc[i].getGenericType());
            args.add("(" + componentType + ") a[" + i + "]");
            components.add(STRUCTS + ".<" + name + ", " + componentType + ">component("
                    + forSlot(rc[i].getGenericType(), slot, where + " " + name + "." + rc[i].getName()) + ", "
                    + slot.field().offset + ", r -> r." + rc[i].getName() + "())");
        }
        return STRUCTS + ".<" + name + ">record(" + struct.dataWordCount + ", " + struct.pointerCount + ", a -> " + args
                + (rc.length == 0 ? "" : ", ") + components + ")";
    }

    private static SchemaStructs.Slot slotFor(List<SchemaStructs.Slot> slots, String component) {
        for (SchemaStructs.Slot s : slots) {
            String javaName = JavaAnnotations.text(s.field().annotations, JavaAnnotations.NAME);
            if (component.equals(javaName != null ? javaName : s.name())) {
                return s;
            }
        }
        return null;
    }

    private static Field field(Node struct, String name, String where) {
        return struct.fields.stream().filter(f -> f.name.equals(name)).findFirst().orElseThrow(() ->
                new JavaGenerationException(where + ": map entry struct " + struct.shortName() + " has no field " + name));
    }

    /** What a holder parameter carries: AtomicReference(T) is T, AtomicInteger is int, ... ; null if not a holder. */
    static Type heldType(Type holder) {
        Class<?> raw = raw(holder);
        if (raw == AtomicReference.class) {
            return argument(holder, 0);
        } else if (raw == AtomicInteger.class) {
            return int.class;
        } else if (raw == AtomicLong.class) {
            return long.class;
        } else if (raw == AtomicBoolean.class) {
            return boolean.class;
        }
        return null;
    }

    static String constantName(String enumerant) {
        StringBuilder sb = new StringBuilder();
        for (char c : enumerant.toCharArray()) {
            if (Character.isUpperCase(c) && !sb.isEmpty()) {
                sb.append('_');
            }
            sb.append(Character.toUpperCase(c));
        }
        return sb.toString();
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw new JavaGenerationException("mpgen proxies: cannot resolve the Java type " + type.getTypeName());
    }

    static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type a = p.getActualTypeArguments()[index];
            if (a instanceof java.lang.reflect.WildcardType w) {
                return w.getLowerBounds().length > 0 ? w.getLowerBounds()[0] : w.getUpperBounds()[0];
            }
            return a;
        }
        return Object.class;
    }

    /** A type as Java source, primitives boxed (for generic positions and casts). */
    static String boxedSource(Type type) {
        if (type instanceof Class<?> c && c.isPrimitive()) {
            return switch (c.getName()) {
                case "boolean" -> "java.lang.Boolean";
                case "byte" -> "java.lang.Byte";
                case "short" -> "java.lang.Short";
                case "char" -> "java.lang.Character";
                case "int" -> "java.lang.Integer";
                case "long" -> "java.lang.Long";
                case "float" -> "java.lang.Float";
                case "double" -> "java.lang.Double";
                default -> "java.lang.Void";
            };
        }
        return source(type);
    }

    /** A type as Java source: nested classes with dots, type arguments kept. */
    static String source(Type type) {
        if (type instanceof Class<?> c) {
            return sourceName(c);
        }
        if (type instanceof ParameterizedType p) {
            StringJoiner args = new StringJoiner(", ", "<", ">");
            for (Type a : p.getActualTypeArguments()) {
                args.add(source(a));
            }
            return source(p.getRawType()) + args;
        }
        if (type instanceof java.lang.reflect.WildcardType w) {
            return w.getLowerBounds().length > 0 ? "? super " + source(w.getLowerBounds()[0])
                    : w.getUpperBounds()[0] == Object.class ? "?" : "? extends " + source(w.getUpperBounds()[0]);
        }
        if (type instanceof java.lang.reflect.GenericArrayType a) {
            return source(a.getGenericComponentType()) + "[]";
        }
        throw new JavaGenerationException("mpgen proxies: cannot write the Java type " + type.getTypeName());
    }

    static String sourceName(Class<?> c) {
        if (c.isArray()) {
            return sourceName(c.getComponentType()) + "[]";
        }
        return c.getName().replace('$', '.');
    }
}
