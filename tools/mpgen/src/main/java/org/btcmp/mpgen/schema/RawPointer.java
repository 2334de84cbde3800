package org.btcmp.mpgen.schema;

import java.util.Arrays;

/** Pointed-to content of a Cap'n Proto message, independent of any schema: a struct, a list or a blob. */
public sealed interface RawPointer {
    /** A struct: data words and pointers (elements may be null). */
    record Struct(long[] data, RawPointer[] pointers) implements RawPointer {
        public static Struct empty(int dataWords, int pointerCount) {
            return new Struct(new long[dataWords], new RawPointer[pointerCount]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Struct s && Arrays.equals(data, s.data) && Arrays.equals(pointers, s.pointers);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data) * 31 + Arrays.hashCode(pointers);
        }

        @Override
        public String toString() {
            return "Struct" + Arrays.toString(data) + Arrays.toString(pointers);
        }
    }

    /**
     * A list. {@code elementSize} is schema.capnp's ElementSize ordinal (0 void .. 6 pointer, 7 inline
     * composite). Primitive elements are in {@code values}; pointer elements in {@code pointers};
     * composite elements are Structs in {@code pointers}, each sized {@code dataWords}/{@code pointerCount}.
     */
    record List(int elementSize, int count, long[] values, RawPointer[] pointers, int dataWords, int pointerCount)
            implements RawPointer {
        @Override
        public boolean equals(Object o) {
            return o instanceof List l && elementSize == l.elementSize && count == l.count
                    && Arrays.equals(values, l.values) && Arrays.equals(pointers, l.pointers)
                    && dataWords == l.dataWords && pointerCount == l.pointerCount;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values) * 31 + Arrays.hashCode(pointers) + count;
        }

        @Override
        public String toString() {
            return "List(" + elementSize + ")" + (values != null ? Arrays.toString(values) : Arrays.toString(pointers));
        }
    }

    /** Text (written with its NUL terminator) or Data. */
    record Blob(byte[] bytes, boolean text) implements RawPointer {
        @Override
        public boolean equals(Object o) {
            return o instanceof Blob b && text == b.text && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return (text ? "Text" : "Data") + "(" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8) + ")";
        }
    }
}
