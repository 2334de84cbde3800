package org.btcmp.mpgen.mapping;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.btcmp.mpgen.schema.CompiledSchema;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.Type;

/**
 * Compares Java interfaces with the schema interfaces that wrap them, by the rules of
 * {@link TypeMapping} and {@link JavaCall}, and collects every disagreement, each naming both sides.
 */
public final class InterfaceChecker {
    private final SchemaIndex schema;
    private final Set<String> requestedFiles = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    /** Record/struct and enum pairs already compared (or being compared: recursive types). */
    private final Set<String> compared = new HashSet<>();

    public InterfaceChecker(CompiledSchema compiled) {
        this.schema = new SchemaIndex(compiled);
        compiled.requestedFiles().forEach(f -> requestedFiles.add(f.filename()));
    }

    /** Every disagreement found so far. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Checks a Java interface against the schema interface that names it with $Java.wraps (or has its name). */
    public void check(Class<?> javaInterface) {
        Node found = null;
        Node byName = null;
        for (Node n : schema.all()) {
            if (n.kind != Node.Kind.INTERFACE) {
                continue;
            }
            String wraps = JavaAnnotations.text(n.annotations, JavaAnnotations.WRAPS);
            if (javaInterface.getName().equals(wraps)) {
                found = n;
            } else if (wraps == null && n.shortName().equals(javaInterface.getSimpleName()) && inRequestedFile(n)) {
                byName = n;
            }
        }
        Node target = found != null ? found : byName;
        if (target == null) {
            problems.add(javaInterface.getName() + " vs the schema: no schema interface has $Java.wraps(\""
                    + javaInterface.getName() + "\") or the name " + javaInterface.getSimpleName());
            return;
        }
        checkInterface(javaInterface, target);
    }

    /** Checks every interface, struct and enum of the requested files that names its Java type with $Java.wraps. */
    public void checkWrapped(ClassLoader loader) {
        List<Node> wrapped = new ArrayList<>();
        for (Node n : schema.all()) {
            if (inRequestedFile(n) && JavaAnnotations.text(n.annotations, JavaAnnotations.WRAPS) != null) {
                wrapped.add(n);
            }
        }
        wrapped.sort(java.util.Comparator.comparing(n -> n.displayName));
        for (Node n : wrapped) {
            String name = JavaAnnotations.text(n.annotations, JavaAnnotations.WRAPS);
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(SchemaIndex.localName(n) + " in " + SchemaIndex.fileOf(n) + ": $Java.wraps(\"" + name
                        + "\") names a class that is not on the class path");
                continue;
            }
            String what = SchemaIndex.localName(n) + " in " + SchemaIndex.fileOf(n);
            switch (n.kind) {
                case INTERFACE -> checkInterface(type, n);
                case STRUCT -> report(type.getName() + " vs struct " + what, type.isRecord()
                        ? recordReasons(type, n) : List.of("a struct wraps a record; " + type.getName() + " is not one"));
                case ENUM -> report(type.getName() + " vs enum " + what, type.isEnum()
                        ? enumReasons(type, n) : List.of("an enum wraps a Java enum; " + type.getName() + " is not one"));
                default -> problems.add(what + ": $Java.wraps on a " + n.kind.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private void report(String sides, List<String> reasons) {
        reasons.forEach(r -> problems.add(sides + ": " + r));
    }

    private boolean inRequestedFile(Node n) {
        return requestedFiles.contains(SchemaIndex.fileOf(n));
    }

    private void checkInterface(Class<?> type, Node iface) {
        String where = "interface " + SchemaIndex.localName(iface) + " in " + SchemaIndex.fileOf(iface);
        if (!type.isInterface()) {
            problems.add(type.getName() + " vs " + where + ": " + type.getName() + " is not a Java interface");
            return;
        }
        Map<String, List<Method>> javaByName = new LinkedHashMap<>();
        for (Method m : JavaCall.methodsOf(type)) {
            javaByName.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
        }
        Map<String, Integer> schemaByJavaName = new HashMap<>();
        for (int i = 0; i < iface.methods.size(); i++) {
            Node.Method m = iface.methods.get(i);
            String javaName = JavaAnnotations.text(m.annotations(), JavaAnnotations.NAME);
            schemaByJavaName.put(javaName != null ? javaName : m.name().equals("destroy") ? "close" : m.name(), i);
        }
        for (Map.Entry<String, List<Method>> e : javaByName.entrySet()) {
            List<Method> overloads = e.getValue();
            JavaCall first = JavaCall.of(type, overloads.get(0));
            if (overloads.size() > 1) {
                schemaByJavaName.remove(e.getKey());
                problems.add(first.signature() + " in " + type.getName() + " vs " + where + ": " + type.getSimpleName()
                        + " overloads " + e.getKey() + " " + overloads.size()
                        + " times; schema methods are found by name, so give each overload its own name");
                continue;
            }
            Integer ordinal = schemaByJavaName.remove(e.getKey());
            if (ordinal == null) {
                problems.add(first.signature() + " in " + type.getName() + " vs " + where + ": the schema has no method "
                        + JavaCall.schemaName(e.getKey()) + " for it");
                continue;
            }
            Node.Method m = iface.methods.get(ordinal);
            report(first.signature() + " in " + type.getName() + " vs " + schema.describe(m, ordinal) + " in "
                    + SchemaIndex.fileOf(iface), methodReasons(first, m));
        }
        schemaByJavaName.values().stream().sorted().forEach(ordinal -> {
            Node.Method m = iface.methods.get(ordinal);
            if (!isRuntimeMethod(m)) {
                problems.add(type.getName() + " vs " + schema.describe(m, ordinal) + " in " + SchemaIndex.fileOf(iface)
                        + ": " + type.getSimpleName() + " has no method for it");
            }
        });
    }

    /**
     * Schema methods with no Java counterpart by design: destroy (the runtime calls it when a proxy is
     * released), construct (the thread-map exchange) and placeholders {@code () -> ()} of DESIGN.md.
     */
    private boolean isRuntimeMethod(Node.Method m) {
        List<SchemaIndex.Slot> params = schema.slots(schema.node(m.paramStructType()));
        List<SchemaIndex.Slot> results = schema.slots(schema.node(m.resultStructType()));
        if (params.isEmpty() && results.isEmpty()) {
            return true;
        }
        if (m.name().equals("destroy")) {
            return params.size() == 1 && isContext(params.get(0)) && results.isEmpty();
        }
        return m.name().equals("construct") && params.size() == 1 && results.size() == 1
                && isThreadMap(params.get(0)) && isThreadMap(results.get(0));
    }

    private static boolean isContext(SchemaIndex.Slot s) {
        return !s.field().isGroup && s.field().type.which == Type.Which.STRUCT && s.field().type.typeId == JavaAnnotations.CONTEXT;
    }

    private static boolean isThreadMap(SchemaIndex.Slot s) {
        return !s.field().isGroup && s.field().type.which == Type.Which.INTERFACE
                && s.field().type.typeId == JavaAnnotations.THREAD_MAP;
    }

    private List<String> methodReasons(JavaCall call, Node.Method m) {
        List<String> reasons = new ArrayList<>();
        List<SchemaIndex.Slot> params = new ArrayList<>(schema.slots(schema.node(m.paramStructType())));
        if (params.isEmpty() || !isContext(params.get(0))) {
            reasons.add("the first parameter must be context :Proxy.Context (the call runs on a mapped thread)");
        } else {
            params.remove(0);
        }
        List<JavaShape> inputs = call.inputs();
        if (inputs.size() != params.size()) {
            reasons.add(inputs.size() + " parameter(s) in Java, " + params.size() + " in the schema (after context)");
        } else {
            for (int i = 0; i < inputs.size(); i++) {
                String r = valueReason(inputs.get(i), params.get(i));
                if (r != null) {
                    reasons.add("parameter " + (i + 1) + " vs " + slotText(params.get(i)) + ": " + r);
                }
            }
        }
        List<SchemaIndex.Slot> results = new ArrayList<>(schema.slots(schema.node(m.resultStructType())));
        SchemaIndex.Slot result = results.stream().filter(s -> s.name().equals("result")).findFirst().orElse(null);
        results.remove(result);
        if (call.result() == null && result != null) {
            reasons.add("Java returns void, the schema has " + slotText(result));
        } else if (call.result() != null && result == null) {
            reasons.add("Java returns a value, the schema has no result field 'result'");
        } else if (result != null) {
            String r = valueReason(call.result(), result);
            if (r != null) {
                reasons.add("return value vs " + slotText(result) + ": " + r);
            }
        }
        List<JavaShape> outputs = call.outputs();
        if (outputs.size() != results.size()) {
            reasons.add(outputs.size() + " output parameter(s) in Java, " + results.size()
                    + " result field(s) besides 'result' in the schema");
        } else {
            for (int i = 0; i < outputs.size(); i++) {
                String r = valueReason(outputs.get(i), results.get(i));
                if (r != null) {
                    reasons.add("output parameter " + (i + 1) + " vs " + slotText(results.get(i)) + ": " + r);
                }
            }
        }
        return reasons;
    }

    private String slotText(SchemaIndex.Slot s) {
        String text = s.name() + " :" + (s.field().isGroup ? "group" : schema.describe(s.field().type));
        return s.presence() == null ? text : text + " (with " + s.presence().name + " :Bool)";
    }

    private String valueReason(JavaShape shape, SchemaIndex.Slot slot) {
        if (JavaAnnotations.text(slot.field().annotations, JavaAnnotations.CONVERTER) != null) {
            return null;
        }
        if (slot.field().isGroup) {
            return "groups have no automatic mapping";
        }
        if (shape instanceof JavaShape.Maybe maybe) {
            if (slot.presence() == null) {
                String flag = "has" + Character.toUpperCase(slot.name().charAt(0)) + slot.name().substring(1);
                return "an Optional needs a Bool field " + flag + " beside " + slot.name();
            }
            return typeReason(maybe.value(), slot.field().type);
        }
        if (slot.presence() != null) {
            return "the schema flags it with " + slot.presence().name + " :Bool, so the Java type must be Optional";
        }
        return typeReason(shape, slot.field().type);
    }

    private String typeReason(JavaShape shape, Type t) {
        String mismatch = "Java " + javaText(shape) + " travels as " + expected(shape) + ", not " + schema.describe(t);
        if (shape instanceof JavaShape.Primitive p) {
            return p.wire().contains(t.which) ? null : mismatch;
        } else if (shape instanceof JavaShape.Text) {
            return t.which == Type.Which.TEXT ? null : mismatch;
        } else if (shape instanceof JavaShape.Data) {
            return t.which == Type.Which.DATA ? null : mismatch;
        } else if (shape instanceof JavaShape.ListOf l) {
            return t.which != Type.Which.LIST ? mismatch : prefixed("element", typeReason(l.element(), t.elementType));
        } else if (shape instanceof JavaShape.MapOf map) {
            return mapReason(map, t, mismatch);
        } else if (shape instanceof JavaShape.Maybe) {
            return "an Optional travels only as a field beside its has<Field> flag, not inside " + schema.describe(t);
        } else if (shape instanceof JavaShape.EnumOf e) {
            return t.which != Type.Which.ENUM ? mismatch : joined("enum " + e.type().getSimpleName() + " vs "
                    + schema.describe(t), enumReasons(e.type(), schema.node(t.typeId)));
        } else if (shape instanceof JavaShape.RecordOf r) {
            return t.which != Type.Which.STRUCT ? mismatch : joined("record " + r.type().getSimpleName() + " vs struct "
                    + schema.describe(t), recordReasons(r.type(), schema.node(t.typeId)));
        } else if (shape instanceof JavaShape.Capability c) {
            return t.which != Type.Which.INTERFACE ? mismatch : capabilityReason(c.type(), schema.node(t.typeId));
        } else if (shape instanceof JavaShape.Callback c) {
            return t.which != Type.Which.INTERFACE ? mismatch : callbackReason(c, schema.node(t.typeId));
        } else if (shape instanceof JavaShape.Out) {
            return "a holder is only an output parameter";
        }
        JavaShape.Unmapped u = (JavaShape.Unmapped) shape;
        return "Java " + TypeMapping.javaName(u.type()) + " is " + u.why() + "; name it with $Java.converter(\"...\") on the field";
    }

    private String mapReason(JavaShape.MapOf map, Type t, String mismatch) {
        if (t.which != Type.Which.LIST || t.elementType.which != Type.Which.STRUCT) {
            return mismatch;
        }
        List<SchemaIndex.Slot> entry = schema.slots(schema.node(t.elementType.typeId));
        if (entry.size() != 2 || !entry.get(0).name().equals("key") || !entry.get(1).name().equals("value")) {
            return "a Map travels as a list of entries with fields key and value, not " + schema.describe(t);
        }
        String k = prefixed("key", valueReason(map.key(), entry.get(0)));
        return k != null ? k : prefixed("value", valueReason(map.value(), entry.get(1)));
    }

    private String capabilityReason(Class<?> type, Node iface) {
        String wraps = JavaAnnotations.text(iface.annotations, JavaAnnotations.WRAPS);
        if (wraps != null ? wraps.equals(type.getName()) : iface.shortName().equals(type.getSimpleName())) {
            return null;
        }
        return "Java " + type.getName() + " is a capability of the schema interface that wraps it, not "
                + SchemaIndex.localName(iface) + (wraps != null ? " (which wraps " + wraps + ")" : "");
    }

    private String callbackReason(JavaShape.Callback callback, Node iface) {
        List<Integer> calls = new ArrayList<>();
        for (int i = 0; i < iface.methods.size(); i++) {
            if (!iface.methods.get(i).name().equals("destroy")) {
                calls.add(i);
            }
        }
        if (calls.size() != 1) {
            return "a callback " + callback.type().getSimpleName() + " travels as an interface with one method besides destroy; "
                    + SchemaIndex.localName(iface) + " has " + calls.size();
        }
        Node.Method m = iface.methods.get(calls.get(0));
        return joined("callback " + JavaCall.of(callback).signature() + " vs " + SchemaIndex.localName(iface) + "."
                + schema.describe(m, calls.get(0)), methodReasons(JavaCall.of(callback), m));
    }

    private List<String> recordReasons(Class<?> record, Node struct) {
        String key = record.getName() + "@" + struct.id;
        if (!compared.add(key)) {
            return List.of();
        }
        List<String> reasons = new ArrayList<>();
        String wraps = JavaAnnotations.text(struct.annotations, JavaAnnotations.WRAPS);
        if (wraps != null && !wraps.equals(record.getName())) {
            reasons.add("the struct wraps " + wraps);
        }
        Map<String, SchemaIndex.Slot> byJavaName = new LinkedHashMap<>();
        for (SchemaIndex.Slot s : schema.slots(struct)) {
            String javaName = JavaAnnotations.text(s.field().annotations, JavaAnnotations.NAME);
            byJavaName.put(javaName != null ? javaName : s.name(), s);
        }
        for (RecordComponent c : record.getRecordComponents()) {
            SchemaIndex.Slot s = byJavaName.remove(c.getName());
            if (s == null) {
                reasons.add("component " + c.getName() + " has no field");
                continue;
            }
            String r = valueReason(TypeMapping.of(c.getGenericType()), s);
            if (r != null) {
                reasons.add("component " + c.getName() + " vs field " + slotText(s) + ": " + r);
            }
        }
        byJavaName.values().forEach(s -> reasons.add("field " + s.name() + " has no record component"));
        return reasons;
    }

    private List<String> enumReasons(Class<?> javaEnum, Node schemaEnum) {
        String key = javaEnum.getName() + "@" + schemaEnum.id;
        if (!compared.add(key)) {
            return List.of();
        }
        Set<String> javaConstants = new java.util.LinkedHashSet<>();
        for (Object c : javaEnum.getEnumConstants()) {
            javaConstants.add(((Enum<?>) c).name());
        }
        List<String> reasons = new ArrayList<>();
        for (Node.Enumerant e : schemaEnum.enumerants) {
            String javaName = JavaAnnotations.text(e.annotations(), JavaAnnotations.NAME);
            String expected = javaName != null ? javaName : constantName(e.name());
            if (!javaConstants.remove(expected)) {
                reasons.add("enumerant " + e.name() + " has no constant " + expected);
            }
        }
        javaConstants.forEach(c -> reasons.add("constant " + c + " has no enumerant"));
        return reasons;
    }

    /** The Java constant an enumerant maps to by default: fooBar -> FOO_BAR. */
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

    private static String javaText(JavaShape shape) {
        if (shape instanceof JavaShape.Primitive p) {
            return p.type().getSimpleName();
        } else if (shape instanceof JavaShape.Text) {
            return "String";
        } else if (shape instanceof JavaShape.Data) {
            return "byte[]";
        } else if (shape instanceof JavaShape.ListOf l) {
            return "List<" + javaText(l.element()) + ">";
        } else if (shape instanceof JavaShape.MapOf m) {
            return "Map<" + javaText(m.key()) + ", " + javaText(m.value()) + ">";
        } else if (shape instanceof JavaShape.Maybe m) {
            return "Optional<" + javaText(m.value()) + ">";
        } else if (shape instanceof JavaShape.EnumOf e) {
            return e.type().getSimpleName();
        } else if (shape instanceof JavaShape.RecordOf r) {
            return r.type().getSimpleName();
        } else if (shape instanceof JavaShape.Capability c) {
            return c.type().getSimpleName();
        } else if (shape instanceof JavaShape.Callback c) {
            return c.type().getSimpleName();
        } else if (shape instanceof JavaShape.Out o) {
            return "holder of " + javaText(o.value());
        }
        return TypeMapping.javaName(((JavaShape.Unmapped) shape).type());
    }

    private static String expected(JavaShape shape) {
        if (shape instanceof JavaShape.Primitive p) {
            return String.join(" or ", p.wire().stream().map(SchemaIndex::name).toList());
        } else if (shape instanceof JavaShape.Text) {
            return "Text";
        } else if (shape instanceof JavaShape.Data) {
            return "Data";
        } else if (shape instanceof JavaShape.ListOf l) {
            return "List(" + expected(l.element()) + ")";
        } else if (shape instanceof JavaShape.MapOf) {
            return "List(entry struct with key and value)";
        } else if (shape instanceof JavaShape.EnumOf) {
            return "an enum";
        } else if (shape instanceof JavaShape.RecordOf) {
            return "a struct";
        } else if (shape instanceof JavaShape.Capability || shape instanceof JavaShape.Callback) {
            return "an interface";
        }
        return "a field with a converter";
    }

    private static String prefixed(String what, String reason) {
        return reason == null ? null : what + ": " + reason;
    }

    private static String joined(String sides, List<String> reasons) {
        return reasons.isEmpty() ? null : sides + ": " + String.join("; ", reasons);
    }
}
