package org.btcmp.mpgen.schema;

/** A type, as in schema.capnp's {@code Type}. */
public final class Type {
    /** Discriminant order of schema.capnp's Type (and Value) union. */
    public enum Which { VOID, BOOL, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, FLOAT32, FLOAT64, TEXT, DATA,
        LIST, ENUM, STRUCT, INTERFACE, ANY_POINTER }

    /** AnyPointer flavours: unconstrained kinds, a brand parameter, or a method's implicit parameter. */
    public enum AnyKind { ANY, STRUCT, LIST, CAPABILITY, PARAMETER, IMPLICIT_METHOD_PARAMETER }

    public final Which which;
    public Type elementType;
    public long typeId;
    public Brand brand;
    public AnyKind anyKind = AnyKind.ANY;
    public long parameterScopeId;
    public int parameterIndex;

    public Type(Which which) {
        this.which = which;
    }

    public static Type list(Type element) {
        Type t = new Type(Which.LIST);
        t.elementType = element;
        return t;
    }

    public static Type named(Which which, long typeId, Brand brand) {
        Type t = new Type(which);
        t.typeId = typeId;
        t.brand = brand;
        return t;
    }

    public static Type anyPointer(AnyKind kind) {
        Type t = new Type(Which.ANY_POINTER);
        t.anyKind = kind;
        return t;
    }

    public boolean isPointer() {
        return which.ordinal() >= Which.TEXT.ordinal() && which != Which.ENUM;
    }

    /** log2 of the size in bits of a data type; -1 for Void; -2 for pointer types. */
    public int lgSize() {
        return switch (which) {
            case VOID -> -1;
            case BOOL -> 0;
            case INT8, UINT8 -> 3;
            case INT16, UINT16, ENUM -> 4;
            case INT32, UINT32, FLOAT32 -> 5;
            case INT64, UINT64, FLOAT64 -> 6;
            default -> -2;
        };
    }
}
