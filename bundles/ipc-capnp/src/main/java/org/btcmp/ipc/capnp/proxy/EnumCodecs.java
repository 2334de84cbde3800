package org.btcmp.ipc.capnp.proxy;

/** The enum type hook: a Java enum as a schema enum (a UInt16 enumerant), constants in schema order. */
public final class EnumCodecs {
    private EnumCodecs() {
    }

    /** {@code constants[i]} is enumerant i; an enumerant beyond them is refused, naming the enum. */
    public static <E extends Enum<E>> Codec<E> enumOf(Class<E> type, E[] constants) {
        return NumberCodecs.INT16.as(e -> (short) ordinal(constants, e), s -> {
            int i = s & 0xffff;
            if (i >= constants.length) {
                throw new IllegalArgumentException("enumerant " + i + " is not a constant of " + type.getName());
            }
            return constants[i];
        });
    }

    private static int ordinal(Object[] constants, Object e) {
        for (int i = 0; i < constants.length; i++) {
            if (constants[i] == e) {
                return i;
            }
        }
        throw new IllegalArgumentException(e + " has no enumerant in the schema");
    }
}
