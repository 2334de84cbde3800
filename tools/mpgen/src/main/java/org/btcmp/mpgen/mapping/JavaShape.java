package org.btcmp.mpgen.mapping;

import java.lang.reflect.Method;
import java.util.List;
import org.btcmp.mpgen.schema.Type.Which;

/**
 * What a Java type becomes on the wire, by the automatic type hooks (DESIGN.md "The IPC contract"):
 * one variant per row of {@link TypeMapping}'s table.
 */
public sealed interface JavaShape {
    /** A Java primitive or its box; {@code wire} lists the schema types it may travel as, preferred first. */
    record Primitive(Class<?> type, List<Which> wire) implements JavaShape {
    }

    /** String as Text. */
    record Text() implements JavaShape {
    }

    /** byte[] as Data. */
    record Data() implements JavaShape {
    }

    /** List, Set, Collection or an array (other than byte[]) as List(element). */
    record ListOf(JavaShape element) implements JavaShape {
    }

    /** Map as List(entry struct) whose fields are {@code key} and {@code value}. */
    record MapOf(JavaShape key, JavaShape value) implements JavaShape {
    }

    /** Optional, OptionalInt, OptionalLong, OptionalDouble: the field plus a Bool {@code has<Field>}. */
    record Maybe(JavaShape value) implements JavaShape {
    }

    /** A Java enum as a schema enum, constants matched to enumerants by name. */
    record EnumOf(Class<?> type) implements JavaShape {
    }

    /** A record as a struct, component for field. */
    record RecordOf(Class<?> type) implements JavaShape {
    }

    /** An interface as a capability: the other side gets a live reference to the object. */
    record Capability(Class<?> type) implements JavaShape {
    }

    /**
     * A functional interface as a callback capability: a schema interface whose one method (besides
     * {@code destroy}) is the functional method, with the type arguments of the use site substituted.
     */
    record Callback(Class<?> type, Method method, List<JavaShape> params, JavaShape result) implements JavaShape {
    }

    /** An output parameter through a holder (AtomicReference and the atomic primitives): a result field. */
    record Out(JavaShape value) implements JavaShape {
    }

    /** No automatic mapping: needs an explicit converter named with $Java.converter. */
    record Unmapped(java.lang.reflect.Type type, String why) implements JavaShape {
    }
}
