package org.btcmp.mpgen.java;

import java.util.HashSet;
import java.util.Set;
import org.btcmp.mpgen.schema.Node;

/**
 * The classes generated into an interface's class besides its nested declarations: per method
 * {@code FooParams}/{@code FooResults} (implicit structs), {@code FooPromise}, {@code FooResponse},
 * {@code FooContext}; and {@code Client}, {@code Server}; and the constant {@code FOO_METHOD} (the method
 * id). A nested declaration of the same name would not compile, so it is refused here with both names.
 */
final class InterfaceNames {
    static final String[] METHOD_SUFFIXES = {"Promise", "Response", "Context"};

    private InterfaceNames() {
    }

    /** The name of the constant holding method {@code m}'s id: fooBar -> FOO_BAR_METHOD. */
    static String methodIdConstant(Node.Method m) {
        return JavaNames.constantCase(m.name()) + "_METHOD";
    }

    static void check(JavaNames names, Node iface) {
        Set<String> generated = new HashSet<>(Set.of("Client", "Server"));
        for (Node.Method m : iface.methods) {
            for (String suffix : METHOD_SUFFIXES) {
                generated.add(JavaNames.capitalize(m.name()) + suffix);
            }
            // A method may use named structs called FooParams/FooResults: then no such class is generated.
            if (names.isMethodStruct(m.paramStructType())) {
                generated.add(JavaNames.methodStructName(m, false));
            }
            if (names.isMethodStruct(m.resultStructType())) {
                generated.add(JavaNames.methodStructName(m, true));
            }
        }
        Set<String> constants = new HashSet<>();
        for (Node.Method m : iface.methods) {
            constants.add(methodIdConstant(m));
        }
        for (Node.NestedNode nested : iface.nestedNodes) {
            if (constants.contains(JavaNames.constantCase(nested.name()))) {
                throw new JavaGenerationException(iface.displayName + ": nested constant '" + nested.name()
                        + "' has the name of a generated method id constant (" + JavaNames.constantCase(nested.name())
                        + "); rename it");
            }
            if (generated.contains(nested.name())) {
                throw new JavaGenerationException(iface.displayName + ": nested declaration '" + nested.name()
                        + "' has the name of a class generated for the interface (Client, Server, or a method's "
                        + "Params/Results/Promise/Response/Context); rename it");
            }
        }
        if (generated.contains(iface.shortName())) {
            // Java forbids a member class named like its enclosing class.
            throw new JavaGenerationException(iface.displayName + ": the interface would contain a generated class "
                    + "named '" + iface.shortName() + "' like itself; rename it");
        }
    }
}
