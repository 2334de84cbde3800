package org.btcmp.mpgen.java;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.btcmp.mpgen.compile.TypeIds;
import org.btcmp.mpgen.schema.CompiledSchema;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.Value;

/**
 * Java names for schema nodes: package and outer class from mpgen's java.capnp annotations. A method's
 * implicit param and result structs ({@code echo$Params}) become {@code EchoParams} and {@code EchoResults}
 * nested in their interface's class. Public (inside this module) for the proxy generator, which names
 * these classes too.
 */
public final class JavaNames {
    /** Ids of the annotations in java.capnp (file id 0xad06a12ff0891d94, child ids by capnp's rule). */
    static final long PACKAGE = TypeIds.child(0xad06a12ff0891d94L, "package");
    static final long OUTER_CLASSNAME = TypeIds.child(0xad06a12ff0891d94L, "outerClassname");

    private final Map<Long, Node> nodes = new HashMap<>();
    private final Map<Long, String> qualified = new HashMap<>();
    /** Implicit param/result struct id -> its interface's id and its simple class name. */
    private final Map<Long, MethodStruct> methodStructs = new HashMap<>();
    private final String defaultPackage;

    private record MethodStruct(long interfaceId, String simpleName) {
    }

    public JavaNames(CompiledSchema schema, String defaultPackage) {
        this.defaultPackage = defaultPackage;
        for (Node n : schema.nodes()) {
            nodes.put(n.id, n);
        }
        for (Node n : schema.nodes()) {
            if (n.kind == Node.Kind.INTERFACE) {
                for (Node.Method m : n.methods) {
                    recordMethodStruct(n, m.paramStructType(), methodStructName(m, false));
                    recordMethodStruct(n, m.resultStructType(), methodStructName(m, true));
                }
            }
        }
    }

    private void recordMethodStruct(Node iface, long structId, String simpleName) {
        Node s = nodes.get(structId);
        if (s != null && isImplicitMethodStruct(s)) {
            methodStructs.put(structId, new MethodStruct(iface.id, simpleName));
        }
    }

    /** A method's own param or result struct (declared by its parameter list), not a named struct. */
    static boolean isImplicitMethodStruct(Node n) {
        return n.kind == Node.Kind.STRUCT && n.scopeId == 0 && (n.shortName().endsWith("$Params")
                || n.shortName().endsWith("$Results"));
    }

    /** The simple class name of a method's implicit param or result struct: EchoParams, EchoResults. */
    public static String methodStructName(Node.Method m, boolean results) {
        return capitalize(m.name()) + (results ? "Results" : "Params");
    }

    /** Whether the struct is a method's implicit param or result struct, nested in its interface's class. */
    public boolean isMethodStruct(long id) {
        return methodStructs.containsKey(id);
    }

    public Node node(long id) {
        Node n = nodes.get(id);
        if (n == null) {
            throw new JavaGenerationException("unknown node @0x" + Long.toHexString(id));
        }
        return n;
    }

    static String fileAnnotation(Node file, long id) {
        for (Node.Annotation a : file.annotations) {
            if (a.id() == id && a.value().pointer() instanceof org.btcmp.mpgen.schema.RawPointer.Blob b) {
                return new String(b.bytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The file's $Java.package, else the default package given to the generator. */
    public String packageOf(Node file) {
        String p = fileAnnotation(file, PACKAGE);
        if (p == null) {
            p = defaultPackage;
        }
        if (p == null) {
            throw new JavaGenerationException(file.displayName + ": needs $Java.package(\"...\") from "
                    + "import \"/mpgen/java.capnp\" to generate Java");
        }
        return p;
    }

    /** The file's $Java.outerClassname, else a name made from the file name (suffixed if a type has it). */
    public static String outerClassOf(Node file) {
        String o = fileAnnotation(file, OUTER_CLASSNAME);
        if (o != null) {
            if (declares(file, o)) {
                throw new JavaGenerationException(file.displayName + ": $Java.outerClassname(\"" + o
                        + "\") is also the name of a declaration in the file; Java forbids that");
            }
            return o;
        }
        String base = file.displayName.substring(file.displayName.lastIndexOf('/') + 1).replace(".capnp", "");
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (char c : base.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        String derived = sb.toString();
        return declares(file, derived) ? derived + "Schema" : derived;
    }

    private static boolean declares(Node file, String name) {
        return file.nestedNodes.stream().anyMatch(n -> n.name().equals(name));
    }

    /**
     * Fully qualified Java class name of a struct, enum, interface or group node (also of a method's
     * implicit param or result struct).
     */
    public String className(long id) {
        String cached = qualified.get(id);
        if (cached != null) {
            return cached;
        }
        Node n = node(id);
        String result;
        MethodStruct methodStruct = methodStructs.get(id);
        if (methodStruct != null) {
            result = className(methodStruct.interfaceId) + "." + methodStruct.simpleName;
        } else if (n.kind == Node.Kind.FILE) {
            result = packageOf(n) + "." + outerClassOf(n);
        } else {
            long scope = n.scopeId;
            if (n.isGroup) {
                result = className(scope) + "." + capitalize(n.shortName());
            } else {
                result = className(scope) + "." + n.shortName();
            }
        }
        qualified.put(id, result);
        return result;
    }

    public static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** fooBar -> FOO_BAR, as Java constants are named. */
    static String constantCase(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                sb.append('_');
            }
            sb.append(Character.toUpperCase(c));
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    static boolean isDefault(Value v) {
        return v == null || (v.bits() == 0 && v.pointer() == null);
    }
}
