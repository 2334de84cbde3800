package org.btcmp.mpgen.compile;

import org.btcmp.mpgen.parse.Expression;
import org.btcmp.mpgen.schema.Type;

/** A resolved declaration together with the generic bindings in effect for it, or a bare type parameter. */
final class BrandedDecl {
    final CompilerNode node;
    final BrandScope brand;
    final Resolved.Param param;
    final Expression source;

    BrandedDecl(CompilerNode node, BrandScope brand, Expression source) {
        this.node = node;
        this.brand = brand;
        this.param = null;
        this.source = source;
    }

    BrandedDecl(Resolved.Param param, Expression source) {
        this.node = null;
        this.brand = null;
        this.param = param;
        this.source = source;
    }

    BrandedDecl withBrand(BrandScope scope, Expression newSource) {
        return new BrandedDecl(node, scope, newSource);
    }

    static BrandedDecl implicitMethodParam(int index) {
        return new BrandedDecl(new Resolved.Param(0, index), null);
    }

    /** The declaration kind, or null for a type parameter. */
    DeclKind kind() {
        return node == null ? null : node.kind;
    }

    String describe() {
        return source == null ? "<implicit>" : Expression.toString(source);
    }

    void error(Errors errors, String message) {
        errors.at(source, message);
    }

    /** Compiles this as a type; reports and returns null if it is not one. */
    Type compileAsType(Errors errors) {
        if (node == null) {
            if (param.scopeId() == 0) {
                Type t = Type.anyPointer(Type.AnyKind.IMPLICIT_METHOD_PARAMETER);
                t.parameterIndex = param.index();
                return t;
            }
            Type t = Type.anyPointer(Type.AnyKind.PARAMETER);
            t.parameterScopeId = param.scopeId();
            t.parameterIndex = param.index();
            return t;
        }
        switch (node.kind) {
            case ENUM:
                return Type.named(Type.Which.ENUM, node.id, brand.compile(errors));
            case STRUCT:
                return Type.named(Type.Which.STRUCT, node.id, brand.compile(errors));
            case INTERFACE:
                return Type.named(Type.Which.INTERFACE, node.id, brand.compile(errors));
            case BUILTIN_LIST: {
                BrandedDecl element = brand.listParam(node.id);
                if (element == null) {
                    error(errors, "'List' requires exactly one parameter.");
                    return null;
                }
                Type elementType = element.compileAsType(errors);
                if (elementType == null) {
                    return null;
                }
                if (elementType.which == Type.Which.ANY_POINTER) {
                    // capnp 0.9.2 reads the "unconstrained" union even when the element is a generic
                    // parameter, where those bits hold the parameter index: parameters 0 and 1 are
                    // then rejected as AnyPointer / AnyStruct. We agree with it, bug included.
                    int unconstrained = switch (elementType.anyKind) {
                        case PARAMETER, IMPLICIT_METHOD_PARAMETER -> elementType.parameterIndex;
                        default -> elementType.anyKind.ordinal();
                    };
                    if (unconstrained == 0) {
                        error(errors, "'List(AnyPointer)' is not supported.");
                        return null;
                    } else if (unconstrained == 1) {
                        error(errors, "'List(AnyStruct)' is not supported.");
                        return null;
                    }
                }
                return Type.list(elementType);
            }
            case BUILTIN_VOID: return new Type(Type.Which.VOID);
            case BUILTIN_BOOL: return new Type(Type.Which.BOOL);
            case BUILTIN_INT8: return new Type(Type.Which.INT8);
            case BUILTIN_INT16: return new Type(Type.Which.INT16);
            case BUILTIN_INT32: return new Type(Type.Which.INT32);
            case BUILTIN_INT64: return new Type(Type.Which.INT64);
            case BUILTIN_UINT8: return new Type(Type.Which.UINT8);
            case BUILTIN_UINT16: return new Type(Type.Which.UINT16);
            case BUILTIN_UINT32: return new Type(Type.Which.UINT32);
            case BUILTIN_UINT64: return new Type(Type.Which.UINT64);
            case BUILTIN_FLOAT32: return new Type(Type.Which.FLOAT32);
            case BUILTIN_FLOAT64: return new Type(Type.Which.FLOAT64);
            case BUILTIN_TEXT: return new Type(Type.Which.TEXT);
            case BUILTIN_DATA: return new Type(Type.Which.DATA);
            case BUILTIN_OBJECT:
                error(errors, "As of Cap'n Proto 0.4, 'Object' has been renamed to 'AnyPointer'.  Sorry for the "
                        + "inconvenience, and thanks for being an early adopter.  :)");
                return Type.anyPointer(Type.AnyKind.ANY);
            case BUILTIN_ANY_POINTER: return Type.anyPointer(Type.AnyKind.ANY);
            case BUILTIN_ANY_STRUCT: return Type.anyPointer(Type.AnyKind.STRUCT);
            case BUILTIN_ANY_LIST: return Type.anyPointer(Type.AnyKind.LIST);
            case BUILTIN_CAPABILITY: return Type.anyPointer(Type.AnyKind.CAPABILITY);
            default:
                error(errors, "'" + describe() + "' is not a type.");
                return null;
        }
    }
}
