package org.btcmp.mpgen.java;

import org.btcmp.mpgen.schema.Type;

/** How schema types appear in generated Java on capnproto-java's runtime 0.1.16. */
final class JavaTypes {
    private static final String RT = "org.capnproto.";
    /** A List(Interface)'s element: a capability pointer, read and written as a cap-table index. */
    private static final String CAP_SLOT = JavaGenerator.RPC + "CapPointer.Slot";
    private final JavaNames names;

    JavaTypes(JavaNames names) {
        this.names = names;
    }

    /** Java type of a data field's value. */
    static String primitive(Type.Which w) {
        return switch (w) {
            case BOOL -> "boolean";
            case INT8, UINT8 -> "byte";
            case INT16, UINT16 -> "short";
            case INT32, UINT32 -> "int";
            case INT64, UINT64 -> "long";
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            default -> throw new IllegalArgumentException(w.toString());
        };
    }

    /** The accessor stem of StructReader/StructBuilder, e.g. "Int" for _getIntField. */
    static String accessor(Type.Which w) {
        return switch (w) {
            case BOOL -> "Boolean";
            case INT8, UINT8 -> "Byte";
            case INT16, UINT16, ENUM -> "Short";
            case INT32, UINT32 -> "Int";
            case INT64, UINT64 -> "Long";
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            default -> throw new IllegalArgumentException(w.toString());
        };
    }

    private static String primitiveList(Type.Which w) {
        return switch (w) {
            case VOID -> "Void";
            case BOOL -> "Boolean";
            case INT8, UINT8 -> "Byte";
            case INT16, UINT16 -> "Short";
            case INT32, UINT32 -> "Int";
            case INT64, UINT64 -> "Long";
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            default -> null;
        };
    }

    /** Whether fields of this pointer type get typed accessors. */
    boolean supported(Type t) {
        return switch (t.which) {
            case TEXT, DATA, STRUCT, ANY_POINTER -> true;
            case LIST -> supportedElement(t.elementType);
            default -> false;
        };
    }

    private boolean supportedElement(Type e) {
        return switch (e.which) {
            case ANY_POINTER -> false;
            case LIST -> supportedElement(e.elementType);
            default -> true;
        };
    }

    String reader(Type t) {
        return type(t, "Reader");
    }

    String builder(Type t) {
        return type(t, "Builder");
    }

    private String type(Type t, String side) {
        return switch (t.which) {
            case TEXT -> RT + "Text." + side;
            case DATA -> RT + "Data." + side;
            case STRUCT -> names.className(t.typeId) + "." + side;
            case ANY_POINTER -> RT + "AnyPointer." + side;
            case ENUM -> names.className(t.typeId);
            case LIST -> listType(t.elementType, side);
            default -> throw new IllegalArgumentException(t.which.toString());
        };
    }

    private String listType(Type e, String side) {
        String p = primitiveList(e.which);
        if (p != null) {
            return RT + "PrimitiveList." + p + "." + side;
        }
        return switch (e.which) {
            case TEXT -> RT + "TextList." + side;
            case DATA -> RT + "DataList." + side;
            case STRUCT -> RT + "StructList." + side + "<" + names.className(e.typeId) + "." + side + ">";
            case ENUM -> RT + "EnumList." + side + "<" + names.className(e.typeId) + ">";
            case LIST -> RT + "ListList." + side + "<" + listType(e.elementType, side) + ">";
            case INTERFACE -> RT + "PointerList." + side + "<" + CAP_SLOT + ">";
            default -> throw new IllegalArgumentException(e.which.toString());
        };
    }

    /** An expression for the runtime factory of a pointer type. */
    String factory(Type t) {
        return switch (t.which) {
            case TEXT -> RT + "Text.factory";
            case DATA -> RT + "Data.factory";
            case STRUCT -> names.className(t.typeId) + ".factory";
            case ANY_POINTER -> RT + "AnyPointer.factory";
            case LIST -> listFactory(t.elementType);
            default -> throw new IllegalArgumentException(t.which.toString());
        };
    }

    private String listFactory(Type e) {
        String p = primitiveList(e.which);
        if (p != null) {
            return RT + "PrimitiveList." + p + ".factory";
        }
        return switch (e.which) {
            case TEXT -> RT + "TextList.factory";
            case DATA -> RT + "DataList.factory";
            case STRUCT -> names.className(e.typeId) + ".listFactory";
            case ENUM -> "new " + RT + "EnumList.Factory<" + names.className(e.typeId) + ">("
                    + names.className(e.typeId) + ".values())";
            case LIST -> "new " + RT + "ListList.Factory<" + listType(e.elementType, "Builder") + ", "
                    + listType(e.elementType, "Reader") + ">(" + listFactory(e.elementType) + ")";
            case INTERFACE -> JavaGenerator.RPC + "CapPointer.LIST";
            default -> throw new IllegalArgumentException(e.which.toString());
        };
    }
}
