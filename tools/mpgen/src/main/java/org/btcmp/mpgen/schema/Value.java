package org.btcmp.mpgen.schema;

/**
 * A value, as in schema.capnp's {@code Value}: {@code bits} holds a data value (two's complement
 * or IEEE bits), {@code pointer} the content of a pointer value (null for a null pointer).
 */
public record Value(Type.Which which, long bits, RawPointer pointer) {
    public static Value of(Type.Which which, long bits) {
        return new Value(which, bits, null);
    }

    public static Value ofPointer(Type.Which which, RawPointer pointer) {
        return new Value(which, 0, pointer);
    }
}
