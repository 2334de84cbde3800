package org.btcmp.mpgen.mapping;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a .capnp skeleton for a Java interface by the rules {@link InterfaceChecker} checks: the
 * interface, then every record, enum, map entry, interface and callback it uses, in one file.
 */
public final class SkeletonWriter {
    private record Named(String name, JavaShape shape) {
    }

    private final StringBuilder out = new StringBuilder();
    /** Declarations still to write, keyed by what they stand for; the value is the schema name. */
    private final Map<Object, String> names = new LinkedHashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Deque<Object> pending = new ArrayDeque<>();
    private final Map<Object, JavaShape> shapes = new LinkedHashMap<>();

    private SkeletonWriter() {
    }

    /** The skeleton of {@code javaInterface} as a schema file with id {@code fileId}. */
    public static String write(Class<?> javaInterface, long fileId) {
        if (!javaInterface.isInterface() || TypeMapping.isFunctional(javaInterface)) {
            throw new IllegalArgumentException(javaInterface.getName() + " is not an interface with methods to serve"
                    + (javaInterface.isInterface() ? " (a functional interface travels as a callback)" : ""));
        }
        SkeletonWriter w = new SkeletonWriter();
        w.out.append("# Schema skeleton for ").append(javaInterface.getName()).append(", written by `mpgen skeleton`.\n")
                .append("# Methods are in name order after destroy: reorder them now if you wish; once the schema\n")
                .append("# is used, ordinals never change.\n\n")
                .append(String.format("@0x%016x;%n%n", fileId))
                .append("using Proxy = import \"/mp/proxy.capnp\";\n")
                .append("using Java = import \"/mpgen/java.capnp\";\n");
        w.nameOf(new JavaShape.Capability(javaInterface));
        while (!w.pending.isEmpty()) {
            Object key = w.pending.removeFirst();
            w.out.append('\n');
            w.declare(w.shapes.get(key), w.names.get(key));
        }
        return w.out.toString();
    }

    private void declare(JavaShape shape, String name) {
        if (shape instanceof JavaShape.Capability c) {
            out.append("interface ").append(name).append(" $Java.wraps(\"").append(c.type().getName()).append("\") {\n");
            List<Method> methods = new ArrayList<>(JavaCall.methodsOf(c.type()));
            methods.sort(java.util.Comparator.comparing((Method m) -> !m.getName().equals("close")));
            for (int i = 0; i < methods.size(); i++) {
                Method m = methods.get(i);
                List<Named> params = new ArrayList<>();
                List<Named> outs = new ArrayList<>();
                Parameter[] ps = m.getParameters();
                for (int p = 0; p < ps.length; p++) {
                    JavaShape s = TypeMapping.ofParameter(ps[p].getParameterizedType());
                    String pname = fieldName(ps[p].getName());
                    if (s instanceof JavaShape.Out o) {
                        outs.add(new Named(pname, o.value()));
                    } else {
                        params.add(new Named(pname, s));
                    }
                }
                method(JavaCall.schemaName(m.getName()), i, params, TypeMapping.ofResult(m.getGenericReturnType()), outs);
            }
            out.append("}\n");
        } else if (shape instanceof JavaShape.Callback c) {
            out.append("interface ").append(name).append(" {\n");
            out.append("  # Callback for ").append(TypeMapping.javaName(c.type())).append('.').append(c.method().getName())
                    .append(": the caller owns it, so it has destroy.\n");
            method("destroy", 0, List.of(), null, List.of());
            List<Named> params = new ArrayList<>();
            List<Named> outs = new ArrayList<>();
            for (int p = 0; p < c.params().size(); p++) {
                JavaShape s = c.params().get(p);
                if (s instanceof JavaShape.Out o) {
                    outs.add(new Named("out" + p, o.value()));
                } else {
                    params.add(new Named("arg" + p, s));
                }
            }
            method("call", 1, params, c.result(), outs);
            out.append("}\n");
        } else if (shape instanceof JavaShape.RecordOf r) {
            out.append("struct ").append(name).append(" $Java.wraps(\"").append(r.type().getName()).append("\") {\n");
            int ordinal = 0;
            for (RecordComponent c : r.type().getRecordComponents()) {
                String fname = fieldName(c.getName());
                String rename = fname.equals(c.getName()) ? "" : " $Java.name(\"" + c.getName() + "\")";
                JavaShape s = TypeMapping.of(c.getGenericType());
                JavaShape value = s instanceof JavaShape.Maybe m ? m.value() : s;
                note(value, "  ");
                out.append("  ").append(fname).append(" @").append(ordinal++).append(" :").append(nameOf(value))
                        .append(rename).append(";\n");
                if (s instanceof JavaShape.Maybe) {
                    out.append("  ").append(flag(fname)).append(" @").append(ordinal++).append(" :Bool;\n");
                }
            }
            out.append("}\n");
        } else if (shape instanceof JavaShape.EnumOf e) {
            out.append("enum ").append(name).append(" $Java.wraps(\"").append(e.type().getName()).append("\") {\n");
            Object[] constants = e.type().getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                String constant = ((Enum<?>) constants[i]).name();
                String enumerant = enumerantName(constant);
                out.append("  ").append(enumerant).append(" @").append(i);
                if (!InterfaceChecker.constantName(enumerant).equals(constant)) {
                    out.append(" $Java.name(\"").append(constant).append("\")");
                }
                out.append(";\n");
            }
            out.append("}\n");
        } else if (shape instanceof JavaShape.MapOf m) {
            out.append("struct ").append(name).append(" {\n");
            note(m.key(), "  ");
            out.append("  key @0 :").append(nameOf(m.key())).append(";\n");
            note(m.value(), "  ");
            out.append("  value @1 :").append(nameOf(m.value())).append(";\n}\n");
        }
    }

    private void method(String name, int ordinal, List<Named> params, JavaShape result, List<Named> outs) {
        List<Named> results = new ArrayList<>();
        if (result != null) {
            results.add(new Named("result", result));
        }
        results.addAll(outs);
        for (Named n : params) {
            note(n.shape(), "  ");
        }
        for (Named n : results) {
            note(n.shape(), "  ");
        }
        out.append("  ").append(name).append(" @").append(ordinal).append(" (context :Proxy.Context");
        for (Named n : params) {
            out.append(", ").append(field(n));
        }
        out.append(") -> (");
        for (int i = 0; i < results.size(); i++) {
            out.append(i > 0 ? ", " : "").append(field(results.get(i)));
        }
        out.append(");\n");
    }

    private String field(Named n) {
        if (n.shape() instanceof JavaShape.Maybe m) {
            return n.name() + " :" + nameOf(m.value()) + ", " + flag(n.name()) + " :Bool";
        }
        return n.name() + " :" + nameOf(n.shape());
    }

    /** A comment before a field whose Java type has no automatic mapping (the checker will name it too). */
    private void note(JavaShape shape, String indent) {
        JavaShape s = shape instanceof JavaShape.Maybe m ? m.value() : shape;
        while (s instanceof JavaShape.ListOf l) {
            s = l.element();
        }
        if (s instanceof JavaShape.Unmapped u) {
            out.append(indent).append("# TODO: ").append(TypeMapping.javaName(u.type())).append(" is ").append(u.why())
                    .append(": choose a type and name the converter with $Java.converter.\n");
        }
    }

    /** The schema spelling of a shape, queueing the declaration it needs. */
    private String nameOf(JavaShape shape) {
        if (shape instanceof JavaShape.Primitive p) {
            return SchemaIndex.name(p.wire().get(0));
        } else if (shape instanceof JavaShape.Text) {
            return "Text";
        } else if (shape instanceof JavaShape.Data) {
            return "Data";
        } else if (shape instanceof JavaShape.ListOf l) {
            return "List(" + nameOf(l.element()) + ")";
        } else if (shape instanceof JavaShape.MapOf m) {
            return "List(" + declaration(m, nameOf(m.key()).replaceAll("\\W", "") + nameOf(m.value()).replaceAll("\\W", "")
                    + "Entry") + ")";
        } else if (shape instanceof JavaShape.EnumOf e) {
            return declaration(e.type(), shape, e.type().getSimpleName());
        } else if (shape instanceof JavaShape.RecordOf r) {
            return declaration(r.type(), shape, r.type().getSimpleName());
        } else if (shape instanceof JavaShape.Capability c) {
            return declaration(c.type(), shape, c.type().getSimpleName());
        } else if (shape instanceof JavaShape.Callback c) {
            StringBuilder n = new StringBuilder();
            c.params().forEach(p -> n.append(nameOf(p instanceof JavaShape.Out o ? o.value() : p).replaceAll("\\W", "")));
            return declaration(c, n + c.type().getSimpleName());
        }
        return "AnyPointer";
    }

    private String declaration(JavaShape shape, String name) {
        return declaration(shape, shape, name);
    }

    private String declaration(Object key, JavaShape shape, String wanted) {
        String existing = names.get(key);
        if (existing != null) {
            return existing;
        }
        String name = wanted;
        for (int i = 2; !usedNames.add(name); i++) {
            name = wanted + i;
        }
        names.put(key, name);
        shapes.put(key, shape);
        pending.addLast(key);
        return name;
    }

    private static String flag(String field) {
        return "has" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    /** A schema field name for a Java name: lower camel case without underscores. */
    private static String fieldName(String javaName) {
        String camel = enumerantName(javaName.contains("_") ? javaName.toUpperCase(java.util.Locale.ROOT) : javaName);
        return Character.toLowerCase(camel.charAt(0)) + camel.substring(1);
    }

    /** FOO_BAR -> fooBar (names without underscores keep their case after the first letter). */
    private static String enumerantName(String constant) {
        if (!constant.contains("_") && !constant.equals(constant.toUpperCase(java.util.Locale.ROOT))) {
            return Character.toLowerCase(constant.charAt(0)) + constant.substring(1);
        }
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : constant.toCharArray()) {
            if (c == '_') {
                upper = !sb.isEmpty();
            } else {
                sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return sb.toString();
    }
}
