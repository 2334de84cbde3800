package org.btcmp.mpgen.java;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.btcmp.mpgen.schema.Field;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.Type;

/**
 * The typed RPC code of one interface, on the runtime's typed bases (org.btcmp.ipc.capnp.rpc.typed): per
 * method a promise (pipelined capability getters, also through struct fields), a response (capability getters,
 * List(Interface) as lists of clients) and a server context;
 * a {@code Client} with a request method per method, superinterfaces' included; a {@code Server} base
 * dispatching by interface id and method ordinal to overridable methods that answer UNIMPLEMENTED.
 * Generic interfaces and methods are generated erased: their type parameters are AnyPointer, as in
 * generated structs, and brands are ignored.
 */
final class InterfaceEmitter {
    private static final String RPC = JavaGenerator.RPC;
    private static final String TYPED = RPC + "typed.";
    private static final String ANY = "org.capnproto.AnyPointer";
    /** capnp/stream.capnp's StreamResult, the results of a streaming method: read as AnyPointer. */
    private static final long STREAM_RESULT_ID = 0x995f9a3377c0b16eL;
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "yield", "record");

    private final JavaNames names;
    private final Node iface;

    InterfaceEmitter(JavaNames names, Node iface) {
        this.names = names;
        this.iface = iface;
        for (Node.Method m : iface.methods) {
            if (KEYWORDS.contains(m.name())) {
                throw new JavaGenerationException(iface.displayName + "." + m.name()
                        + ": a method named like a Java keyword cannot become a Java method; rename it");
            }
        }
    }

    /**
     * A constant per method of this interface with its ordinal, the method id a call carries: what a
     * server's {@code dispatchesWithoutBlocking(interfaceId, methodId)} compares with (and TYPE_ID).
     */
    void methodIds(SourceWriter w) {
        for (int ordinal = 0; ordinal < iface.methods.size(); ordinal++) {
            Node.Method m = iface.methods.get(ordinal);
            w.line("/** The method id of " + iface.shortName() + "." + m.name() + ". */");
            w.line("public static final short " + InterfaceNames.methodIdConstant(m) + " = " + ordinal + ";");
        }
    }

    /** The promise, response and context classes of method {@code m}. */
    void methodClasses(SourceWriter w, Node.Method m) {
        String cap = JavaNames.capitalize(m.name());
        String results = resultsClass(m);
        String resultsFactory = results == null ? ANY + ".factory" : results + ".factory";
        String resultsReader = results == null ? ANY + ".Reader" : results + ".Reader";
        String resultsBuilder = results == null ? ANY + ".Builder" : results + ".Builder";
        List<Field> resultCaps = results == null ? List.of() : capabilityFields(m.resultStructType());
        List<Field> paramCaps = capabilityFields(m.paramStructType());
        List<Field> resultCapLists = results == null ? List.of() : capabilityListFields(m.resultStructType());
        List<Field> paramCapLists = capabilityListFields(m.paramStructType());

        w.line("/** The answer to a call of " + m.name() + ", before and after it arrives. */");
        w.line("public static final class " + cap + "Promise extends " + TYPED + "TypedPromise<" + cap + "Response> {");
        w.indent();
        w.line("public " + cap + "Promise(" + RPC + "RemotePromise promise) {");
        w.line("    super(promise, " + cap + "Response::new);");
        w.line("}");
        if (results != null) {
            pipelineGetters(w, m.resultStructType(), "", new ArrayList<>(List.of(iface.shortName(), cap + "Promise")),
                    new HashSet<>(Set.of(m.resultStructType())));
        }
        w.outdent();
        w.line("}");

        w.line("/** The results of a call of " + m.name() + ", readable until closed. */");
        w.line("public static final class " + cap + "Response extends " + TYPED + "TypedResponse<" + resultsReader + "> {");
        w.indent();
        w.line("public " + cap + "Response(" + RPC + "Response response) {");
        w.line("    super(response, " + resultsFactory + ");");
        w.line("}");
        for (Field f : resultCaps) {
            String client = clientClass(f);
            w.line("/** The results' " + f.name + " (null if none), for the caller to close. */");
            w.line("public " + client + " get" + JavaNames.capitalize(f.name) + "() {");
            w.line("    " + RPC + "Capability cap = cap(results().get" + JavaNames.capitalize(f.name) + "());");
            w.line("    return cap == null ? null : new " + client + "(cap);");
            w.line("}");
        }
        for (Field f : resultCapLists) {
            String client = listClientClass(f);
            String fc = JavaNames.capitalize(f.name);
            w.line("/** The results' " + f.name + " as clients (null elements stay null), for the caller to close. */");
            w.line("public java.util.List<" + client + "> get" + fc + "() {");
            w.line("    return clients(results().get" + fc + "(), " + client + "::new);");
            w.line("}");
        }
        w.outdent();
        w.line("}");

        String params = names.className(m.paramStructType());
        w.line("/** A call of " + m.name() + " as the server sees it. */");
        w.line("public static final class " + cap + "Context extends " + TYPED + "TypedContext<" + params + ".Reader, "
                + resultsBuilder + "> {");
        w.indent();
        w.line("public " + cap + "Context(" + RPC + "CallContext context) {");
        w.line("    super(context, " + params + ".factory, " + resultsFactory + ");");
        w.line("}");
        for (Field f : paramCaps) {
            String client = clientClass(f);
            String fc = JavaNames.capitalize(f.name);
            w.line("/** The params' " + f.name + " (null if none), for the method to close. */");
            w.line("public " + client + " get" + fc + "() {");
            w.line("    " + RPC + "Capability cap = paramCap(params().get" + fc + "());");
            w.line("    return cap == null ? null : new " + client + "(cap);");
            w.line("}");
        }
        for (Field f : resultCaps) {
            String fc = JavaNames.capitalize(f.name);
            w.line("/** Sets the results' " + f.name + " (null: none); the caller keeps its client. */");
            w.line("public void set" + fc + "(" + clientClass(f) + " client) {");
            w.line("    results().set" + fc + "(client == null ? -1 : addResultCap(client));");
            w.line("}");
        }
        for (Field f : paramCapLists) {
            String client = listClientClass(f);
            String fc = JavaNames.capitalize(f.name);
            w.line("/** The params' " + f.name + " as clients (null elements stay null), each for the method to close. */");
            w.line("public java.util.List<" + client + "> get" + fc + "() {");
            w.line("    return paramClients(params().get" + fc + "(), " + client + "::new);");
            w.line("}");
        }
        for (Field f : resultCapLists) {
            String fc = JavaNames.capitalize(f.name);
            w.line("/** Sets the results' " + f.name + " to these clients (null: a null element); the caller keeps them. */");
            w.line("public void set" + fc + "(java.util.List<? extends " + listClientClass(f) + "> clients) {");
            w.line("    setResultClients(results().init" + fc + "(clients.size()), clients);");
            w.line("}");
        }
        w.outdent();
        w.line("}");
    }

    /**
     * Getters for the capabilities of struct {@code structId} found at pointer path {@code path}: a
     * client for each capability field, and for each struct field holding some, an inner class with its
     * own getters (C++'s pipelines). Struct types already on the path are not entered again.
     */
    private void pipelineGetters(SourceWriter w, long structId, String path, List<String> enclosing,
            Set<Long> onPath) {
        for (Field f : directFields(structId)) {
            String fc = JavaNames.capitalize(f.name);
            String fieldPath = path + (path.isEmpty() ? "" : ", ") + f.offset;
            if (f.type.which == Type.Which.INTERFACE) {
                String client = clientClass(f);
                w.line("/** " + f.name + " in the results, called pipelined (before the answer arrives); the caller closes it. */");
                w.line("public " + client + " get" + fc + "() {");
                w.line("    return new " + client + "(pipeline(" + fieldPath + "));");
                w.line("}");
            } else if (f.type.which == Type.Which.STRUCT && !onPath.contains(f.type.typeId)
                    && holdsCapabilities(f.type.typeId, new HashSet<>(onPath))) {
                String inner = fc + "Pipeline";
                while (enclosing.contains(inner)) {
                    inner = "_" + inner; // Java forbids a class named like one enclosing it
                }
                w.line("/** " + f.name + " in the results, for pipelined calls on the capabilities in it. */");
                w.line("public " + inner + " get" + fc + "() {");
                w.line("    return new " + inner + "();");
                w.line("}");
                w.line("public final class " + inner + " {");
                w.indent();
                w.line("private " + inner + "() {");
                w.line("}");
                enclosing.add(inner);
                onPath.add(f.type.typeId);
                pipelineGetters(w, f.type.typeId, fieldPath, enclosing, onPath);
                onPath.remove(f.type.typeId);
                enclosing.remove(enclosing.size() - 1);
                w.outdent();
                w.line("}");
            }
        }
    }

    private boolean holdsCapabilities(long structId, Set<Long> visited) {
        if (!visited.add(structId)) {
            return false;
        }
        for (Field f : directFields(structId)) {
            if (f.type.which == Type.Which.INTERFACE
                    || f.type.which == Type.Which.STRUCT && holdsCapabilities(f.type.typeId, visited)) {
                return true;
            }
        }
        return false;
    }

    /** The typed client. */
    void client(SourceWriter w) {
        w.line("/** A typed handle of a " + iface.shortName() + " capability; owns and closes it. */");
        w.line("public static final class Client extends " + TYPED + "TypedClient {");
        w.indent();
        w.line("/** Takes ownership of {@code capability}. */");
        w.line("public Client(" + RPC + "Capability capability) {");
        w.line("    super(capability);");
        w.line("}");
        w.line("/** A client of a local server object. */");
        w.line("public static Client of(Server server) {");
        w.line("    return new Client(" + RPC + "Capability.of(server));");
        w.line("}");
        Set<String> used = new HashSet<>();
        List<Node> all = withSuperclasses();
        for (Node owner : all) {
            String ownerClass = names.className(owner.id);
            for (int ordinal = 0; ordinal < owner.methods.size(); ordinal++) {
                Node.Method m = owner.methods.get(ordinal);
                String method = m.name() + "Request";
                if (!used.add(method)) {
                    continue; // a superinterface's method of the same name: reach it through asX()
                }
                String cap = JavaNames.capitalize(m.name());
                String params = names.className(m.paramStructType());
                w.line("/** Starts a call of " + owner.shortName() + "." + m.name() + " @" + ordinal + ". */");
                w.line("public " + TYPED + "TypedRequest<" + params + ".Builder, " + ownerClass + "." + cap + "Promise> "
                        + method + "() {");
                w.line("    return newRequest(" + ownerClass + ".TYPE_ID, " + ordinal + ", " + params + ".factory, "
                        + ownerClass + "." + cap + "Promise::new);");
                w.line("}");
            }
        }
        for (Node superclass : all.subList(1, all.size())) {
            String method = "as" + superclass.shortName();
            if (!used.add(method)) {
                continue;
            }
            String client = names.className(superclass.id) + ".Client";
            w.line("/** This capability typed as " + superclass.shortName() + ": another handle, closed separately. */");
            w.line("public " + client + " " + method + "() {");
            w.line("    return new " + client + "(capability().duplicate());");
            w.line("}");
        }
        w.outdent();
        w.line("}");
    }

    /** The server base. */
    void server(SourceWriter w) {
        w.line("/**");
        w.line(" * Implements " + iface.shortName() + " (and its superinterfaces): override the methods served; the others");
        w.line(" * answer UNIMPLEMENTED, as do unknown interfaces and methods. Calls may come concurrently.");
        w.line(" */");
        w.line("public abstract static class Server implements " + RPC + "Server {");
        w.indent();
        w.line("protected Server() {");
        w.line("}");
        w.line("@Override");
        w.line("public final void dispatch(long interfaceId, short methodId, " + RPC + "CallContext context) throws Exception {");
        w.indent();
        List<Node> all = withSuperclasses();
        for (int i = 0; i < all.size(); i++) {
            Node owner = all.get(i);
            String ownerClass = names.className(owner.id);
            w.line((i == 0 ? "if" : "} else if") + " (interfaceId == " + ownerClass + ".TYPE_ID) {");
            w.line("    switch (methodId) {");
            for (int ordinal = 0; ordinal < owner.methods.size(); ordinal++) {
                Node.Method m = owner.methods.get(ordinal);
                w.line("        case " + ordinal + ":");
                w.line("            " + m.name() + "(new " + ownerClass + "." + JavaNames.capitalize(m.name())
                        + "Context(context));");
                w.line("            return;");
            }
            w.line("        default:");
            w.line("            break;");
            w.line("    }");
        }
        w.line("}");
        w.line("throw " + RPC + "Server.unimplemented(interfaceId, methodId);");
        w.outdent();
        w.line("}");
        for (Node owner : all) {
            String ownerClass = names.className(owner.id);
            for (int ordinal = 0; ordinal < owner.methods.size(); ordinal++) {
                Node.Method m = owner.methods.get(ordinal);
                w.line("/** " + owner.shortName() + "." + m.name() + " @" + ordinal + ": UNIMPLEMENTED unless overridden. */");
                w.line("protected void " + m.name() + "(" + ownerClass + "." + JavaNames.capitalize(m.name())
                        + "Context context) throws Exception {");
                w.line("    throw " + RPC + "Server.unimplemented(" + ownerClass + ".TYPE_ID, (short) " + ordinal + ");");
                w.line("}");
            }
        }
        w.outdent();
        w.line("}");
    }

    /** This interface, then every superinterface once, depth first in declaration order. */
    private List<Node> withSuperclasses() {
        Map<Long, Node> seen = new LinkedHashMap<>();
        collect(iface, seen);
        return new ArrayList<>(seen.values());
    }

    private void collect(Node n, Map<Long, Node> seen) {
        if (seen.putIfAbsent(n.id, n) != null) {
            return;
        }
        for (Node.Superclass s : n.superclasses) {
            collect(names.node(s.id()), seen);
        }
    }

    /** The results struct's class; null for a streaming method (its results are read as AnyPointer). */
    private String resultsClass(Node.Method m) {
        return m.resultStructType() == STREAM_RESULT_ID ? null : names.className(m.resultStructType());
    }

    /** The struct's capability fields outside unions and groups: those get typed client getters. */
    private List<Field> capabilityFields(long structId) {
        return directFields(structId).stream().filter(f -> f.type.which == Type.Which.INTERFACE).toList();
    }

    /** The struct's List(Interface) fields outside unions and groups: those get getters of client lists. */
    private List<Field> capabilityListFields(long structId) {
        return directFields(structId).stream()
                .filter(f -> f.type.which == Type.Which.LIST && f.type.elementType.which == Type.Which.INTERFACE).toList();
    }

    /** The struct's fields outside unions and groups. */
    private List<Field> directFields(long structId) {
        return names.node(structId).fields.stream()
                .filter(f -> !f.isGroup && f.discriminantValue == Field.NO_DISCRIMINANT).toList();
    }

    private String clientClass(Field f) {
        return names.className(f.type.typeId) + ".Client";
    }

    private String listClientClass(Field f) {
        return names.className(f.type.elementType.typeId) + ".Client";
    }
}
