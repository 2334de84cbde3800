package org.btcmp.mpgen.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.btcmp.mpgen.parse.Expression;
import org.btcmp.mpgen.schema.Brand;
import org.btcmp.mpgen.schema.Field;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.RawPointer;
import org.btcmp.mpgen.schema.Type;
import org.btcmp.mpgen.schema.Value;

/** Evaluates literal and constant expressions against an expected type, as the C++ ValueTranslator. */
final class ValueCompiler {
    /** What an expression evaluated to before it is checked against the expected type. */
    private enum Category { VOID, BOOL, INT, UINT, FLOAT, TEXT, DATA, LIST, ENUM, STRUCT, ANY }

    private record Evaluated(Category category, long bits, double number, RawPointer pointer, Type type) {
    }

    private final NodeTranslator t;

    ValueCompiler(NodeTranslator t) {
        this.t = t;
    }

    /** The value of src as the given type, or null after reporting why it does not fit. */
    Value compile(Expression src, Type type) {
        if (type.which == Type.Which.ANY_POINTER && (type.anyKind == Type.AnyKind.PARAMETER
                || type.anyKind == Type.AnyKind.IMPLICIT_METHOD_PARAMETER)) {
            t.errors.at(src, "Cannot interpret value because the type is a generic type parameter which is not yet "
                    + "bound. We don't know what type to expect here.");
            return null;
        }
        Evaluated e = evaluate(src, type);
        if (e == null) {
            return null;
        }
        Type.Which w = type.which;
        switch (e.category()) {
            case VOID:
                if (w == Type.Which.VOID) {
                    return Value.of(w, 0);
                }
                break;
            case BOOL:
                if (w == Type.Which.BOOL) {
                    return Value.of(w, e.bits());
                }
                break;
            case INT:
            case UINT: {
                boolean negative = e.category() == Category.INT && e.bits() < 0;
                if (!isNumeric(w)) {
                    break;
                }
                long v = e.bits();
                if (negative) {
                    long min = minValue(w);
                    if (v < min) {
                        t.errors.at(src, "Integer value out of range.");
                        v = min;
                    }
                } else if (Long.compareUnsigned(v, maxValue(w)) > 0) {
                    t.errors.at(src, "Integer value out of range.");
                    v = maxValue(w);
                }
                if (w == Type.Which.FLOAT32) {
                    float f = negative ? (float) v : unsignedToFloat(v);
                    return Value.of(w, Float.floatToRawIntBits(f) & 0xffffffffL);
                } else if (w == Type.Which.FLOAT64) {
                    double d = negative ? (double) v : unsignedToDouble(v);
                    return Value.of(w, Double.doubleToRawLongBits(d));
                }
                return Value.of(w, v);
            }
            case FLOAT:
                if (w == Type.Which.FLOAT32) {
                    return Value.of(w, Float.floatToRawIntBits((float) e.number()) & 0xffffffffL);
                } else if (w == Type.Which.FLOAT64) {
                    return Value.of(w, Double.doubleToRawLongBits(e.number()));
                }
                break;
            case TEXT:
                if (w == Type.Which.TEXT) {
                    return Value.ofPointer(w, e.pointer());
                }
                break;
            case DATA:
                if (w == Type.Which.DATA) {
                    return Value.ofPointer(w, e.pointer());
                }
                break;
            case LIST:
                if (w == Type.Which.LIST && Types.same(e.type(), type)) {
                    return Value.ofPointer(w, e.pointer());
                } else if (w == Type.Which.ANY_POINTER
                        && (type.anyKind == Type.AnyKind.ANY || type.anyKind == Type.AnyKind.LIST)) {
                    return Value.ofPointer(w, e.pointer());
                }
                break;
            case ENUM:
                if (w == Type.Which.ENUM && e.type().typeId == type.typeId) {
                    return Value.of(w, e.bits());
                }
                break;
            case STRUCT:
                if (w == Type.Which.STRUCT && Types.same(e.type(), type)) {
                    return Value.ofPointer(w, e.pointer());
                } else if (w == Type.Which.ANY_POINTER
                        && (type.anyKind == Type.AnyKind.ANY || type.anyKind == Type.AnyKind.STRUCT)) {
                    return Value.ofPointer(w, e.pointer());
                }
                break;
            case ANY:
                if (w == Type.Which.ANY_POINTER) {
                    return Value.ofPointer(w, e.pointer());
                }
                break;
            default:
                break;
        }
        t.errors.at(src, "Type mismatch; expected " + typeName(type) + ".");
        return null;
    }

    private static float unsignedToFloat(long v) {
        return v >= 0 ? (float) v : (float) unsignedToDouble(v);
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? (double) v : ((double) (v >>> 1)) * 2.0 + (v & 1);
    }

    private static boolean isNumeric(Type.Which w) {
        return w.ordinal() >= Type.Which.INT8.ordinal() && w.ordinal() <= Type.Which.FLOAT64.ordinal();
    }

    private static long minValue(Type.Which w) {
        return switch (w) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64, FLOAT32, FLOAT64 -> Long.MIN_VALUE;
            default -> 0;
        };
    }

    private static long maxValue(Type.Which w) {
        return switch (w) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case INT64 -> Long.MAX_VALUE;
            case UINT8 -> 0xff;
            case UINT16 -> 0xffff;
            case UINT32 -> 0xffffffffL;
            default -> -1L;
        };
    }

    private Evaluated evaluate(Expression src, Type type) {
        if (src instanceof Expression.RelativeName r) {
            String id = r.name().text();
            if (type.which == Type.Which.ENUM) {
                Node e = t.cn.compiler.findNode(type.typeId).node();
                if (e != null) {
                    for (int i = 0; i < e.enumerants.size(); i++) {
                        if (e.enumerants.get(i).name().equals(id)) {
                            return new Evaluated(Category.ENUM, i, 0, null, type);
                        }
                    }
                }
            } else {
                switch (id) {
                    case "void": return new Evaluated(Category.VOID, 0, 0, null, null);
                    case "true": return new Evaluated(Category.BOOL, 1, 0, null, null);
                    case "false": return new Evaluated(Category.BOOL, 0, 0, null, null);
                    case "nan": return new Evaluated(Category.FLOAT, 0, Double.NaN, null, null);
                    case "inf": return new Evaluated(Category.FLOAT, 0, Double.POSITIVE_INFINITY, null, null);
                    default: break;
                }
            }
            return constant(src);
        } else if (src instanceof Expression.AbsoluteName || src instanceof Expression.Import
                || src instanceof Expression.Application || src instanceof Expression.Member) {
            return constant(src);
        } else if (src instanceof Expression.Embed embed) {
            return embed(embed, type);
        } else if (src instanceof Expression.PositiveInt p) {
            return new Evaluated(Category.UINT, p.value(), 0, null, null);
        } else if (src instanceof Expression.NegativeInt n) {
            if (Long.compareUnsigned(n.magnitude(), Long.MIN_VALUE) > 0) {
                t.errors.at(src, "Integer is too big to be negative.");
                return null;
            }
            return new Evaluated(Category.INT, -n.magnitude(), 0, null, null);
        } else if (src instanceof Expression.FloatLiteral f) {
            return new Evaluated(Category.FLOAT, 0, f.value(), null, null);
        } else if (src instanceof Expression.StringLiteral s) {
            if (type.which == Type.Which.DATA) {
                return new Evaluated(Category.DATA, 0, 0, new RawPointer.Blob(s.utf8(), false), null);
            }
            return new Evaluated(Category.TEXT, 0, 0, new RawPointer.Blob(s.utf8(), true), null);
        } else if (src instanceof Expression.BinaryLiteral b) {
            if (type.which != Type.Which.DATA) {
                t.errors.at(src, "Type mismatch; expected " + typeName(type) + ".");
                return null;
            }
            return new Evaluated(Category.DATA, 0, 0, new RawPointer.Blob(b.bytes(), false), null);
        } else if (src instanceof Expression.ListLiteral l) {
            if (type.which != Type.Which.LIST) {
                t.errors.at(src, "Type mismatch; expected " + typeName(type) + ".");
                return null;
            }
            return new Evaluated(Category.LIST, 0, 0, list(l.elements(), type.elementType), type);
        } else if (src instanceof Expression.Tuple tuple) {
            if (type.which != Type.Which.STRUCT) {
                t.errors.at(src, "Type mismatch; expected " + typeName(type) + ".");
                return null;
            }
            Node s = structNode(type.typeId);
            if (s == null) {
                return null;
            }
            RawPointer.Struct raw = RawPointer.Struct.empty(s.dataWordCount, s.pointerCount);
            fill(raw, s, tuple.params(), type.brand);
            return new Evaluated(Category.STRUCT, 0, 0, raw, type);
        }
        return null;
    }

    private Evaluated embed(Expression.Embed embed, Type type) {
        Path file = t.cn.module.path.toAbsolutePath().getParent().resolve(embed.file().text());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            t.errors.at(embed.file().start(), "Couldn't read file for embed: " + embed.file().text());
            return null;
        }
        return switch (type.which) {
            case TEXT -> new Evaluated(Category.TEXT, 0, 0, new RawPointer.Blob(bytes, true), null);
            case DATA -> new Evaluated(Category.DATA, 0, 0, new RawPointer.Blob(bytes, false), null);
            case STRUCT -> {
                try {
                    yield new Evaluated(Category.STRUCT, 0, 0, withSchemaSize(MessageDecoder.root(bytes), type), type);
                } catch (MessageDecoder.MalformedMessage e) {
                    t.errors.at(embed, e.getMessage());
                    yield null;
                }
            }
            default -> {
                t.errors.at(embed, "Embeds can only be used when Text, Data, or a struct is expected.");
                yield null;
            }
        };
    }

    /** capnp copies an embedded struct at least as large as its schema says; so do we. */
    private RawPointer withSchemaSize(RawPointer root, Type type) {
        Node s = structNode(type.typeId);
        if (!(root instanceof RawPointer.Struct r) || s == null) {
            return root;
        }
        return new RawPointer.Struct(java.util.Arrays.copyOf(r.data(), Math.max(r.data().length, s.dataWordCount)),
                java.util.Arrays.copyOf(r.pointers(), Math.max(r.pointers().length, s.pointerCount)));
    }

    private Node structNode(long id) {
        CompilerNode n = t.cn.compiler.findNode(id);
        return n == null ? null : n.node();
    }

    private Evaluated constant(Expression src) {
        BrandedDecl d = t.localBrand.compileDeclExpression(src, t.cn, BrandScope.ImplicitParams.NONE);
        if (d == null) {
            return null;
        }
        if (d.kind() != DeclKind.CONST) {
            t.errors.at(src, "'" + Expression.toString(src) + "' does not refer to a constant.");
            return null;
        }
        NodeTranslator c = d.node.translated();
        if (c == null || c.node.type == null || c.node.value == null) {
            return null;
        }
        c.finish();
        if (src instanceof Expression.RelativeName r) {
            CompilerNode scope = d.node.parent;
            String parentName = scope.parent == null ? "" : scope.node().shortName();
            t.errors.at(src, "Constant names must be qualified to avoid confusion.  Please replace '"
                    + r.name().text() + "' with '" + parentName + "." + r.name().text()
                    + "', if that's what you intended.");
        }
        Type ct = c.node.type;
        Value v = c.node.value;
        return switch (ct.which) {
            case VOID -> new Evaluated(Category.VOID, 0, 0, null, null);
            case BOOL -> new Evaluated(Category.BOOL, v.bits(), 0, null, null);
            case INT8 -> new Evaluated(Category.INT, (byte) v.bits(), 0, null, null);
            case INT16 -> new Evaluated(Category.INT, (short) v.bits(), 0, null, null);
            case INT32 -> new Evaluated(Category.INT, (int) v.bits(), 0, null, null);
            case INT64 -> new Evaluated(Category.INT, v.bits(), 0, null, null);
            case UINT8 -> new Evaluated(Category.UINT, v.bits() & 0xff, 0, null, null);
            case UINT16 -> new Evaluated(Category.UINT, v.bits() & 0xffff, 0, null, null);
            case UINT32 -> new Evaluated(Category.UINT, v.bits() & 0xffffffffL, 0, null, null);
            case UINT64 -> new Evaluated(Category.UINT, v.bits(), 0, null, null);
            case FLOAT32 -> new Evaluated(Category.FLOAT, 0, Float.intBitsToFloat((int) v.bits()), null, null);
            case FLOAT64 -> new Evaluated(Category.FLOAT, 0, Double.longBitsToDouble(v.bits()), null, null);
            case TEXT -> new Evaluated(Category.TEXT, 0, 0, v.pointer(), null);
            case DATA -> new Evaluated(Category.DATA, 0, 0, v.pointer(), null);
            case LIST -> new Evaluated(Category.LIST, 0, 0, v.pointer(), ct);
            case ENUM -> new Evaluated(Category.ENUM, v.bits(), 0, null, ct);
            case STRUCT -> new Evaluated(Category.STRUCT, 0, 0, v.pointer(), ct);
            default -> new Evaluated(Category.ANY, 0, 0, v.pointer(), ct);
        };
    }

    private RawPointer.List list(List<Expression> elements, Type elementType) {
        int n = elements.size();
        int size = elementSize(elementType);
        long[] values = size <= 5 ? new long[n] : null;
        RawPointer[] pointers = size >= 6 ? new RawPointer[n] : null;
        int dataWords = 0;
        int pointerCount = 0;
        Node structNode = null;
        if (size == 7) {
            structNode = structNode(elementType.typeId);
            if (structNode != null) {
                dataWords = structNode.dataWordCount;
                pointerCount = structNode.pointerCount;
            }
        }
        for (int i = 0; i < n; i++) {
            Expression e = elements.get(i);
            if (e == null) {
                continue;
            }
            Value v = compile(e, elementType);
            if (v == null) {
                continue;
            }
            if (values != null) {
                values[i] = v.bits();
            } else {
                pointers[i] = v.pointer();
            }
        }
        if (size == 7) {
            for (int i = 0; i < n; i++) {
                if (pointers[i] == null) {
                    pointers[i] = RawPointer.Struct.empty(dataWords, pointerCount);
                }
            }
        }
        return new RawPointer.List(size, n, values, pointers, dataWords, pointerCount);
    }

    /** schema.capnp's ElementSize for a list of the given element type. */
    static int elementSize(Type element) {
        return switch (element.lgSize()) {
            case -1 -> 0;
            case 0 -> 1;
            case 3 -> 2;
            case 4 -> 3;
            case 5 -> 4;
            case 6 -> 5;
            default -> element.which == Type.Which.STRUCT ? 7 : 6;
        };
    }

    private void fill(RawPointer.Struct raw, Node s, List<Expression.Param> params, Brand brand) {
        for (Expression.Param p : params) {
            if (p == null) {
                continue;
            }
            if (p.name() == null) {
                t.errors.at(p.value(), "Missing field name.");
                continue;
            }
            Field f = null;
            for (Field candidate : s.fields) {
                if (candidate.name.equals(p.name().text())) {
                    f = candidate;
                }
            }
            if (f == null) {
                t.errors.at(p.name().start(), "Struct has no field named '" + p.name().text() + "'.");
                continue;
            }
            if (f.isGroup) {
                if (p.value() instanceof Expression.Tuple tuple) {
                    setDiscriminant(raw, s, f);
                    Node group = groupNode(f.groupTypeId);
                    if (group != null) {
                        fill(raw, group, tuple.params(), brand);
                    }
                } else {
                    t.errors.at(p.value(), "Type mismatch; expected group.");
                }
                continue;
            }
            Value v = compile(p.value(), substitute(f.type, brand));
            if (v == null) {
                continue;
            }
            setDiscriminant(raw, s, f);
            write(raw, f, v);
        }
    }

    private Node groupNode(long id) {
        return t.cn.compiler.groupNode(id);
    }

    private static void setDiscriminant(RawPointer.Struct raw, Node s, Field f) {
        if (f.discriminantValue != Field.NO_DISCRIMINANT) {
            putBits(raw.data(), (long) s.discriminantOffset * 16, 16, f.discriminantValue);
        }
    }

    private static void write(RawPointer.Struct raw, Field f, Value v) {
        int lg = f.type.lgSize();
        if (lg == -2) {
            raw.pointers()[f.offset] = v.pointer();
        } else if (lg >= 0) {
            int bits = 1 << lg;
            long mask = bits == 64 ? -1L : (1L << bits) - 1;
            long stored = (v.bits() ^ f.defaultValue.bits()) & mask;
            putBits(raw.data(), (long) f.offset * bits, bits, stored);
        }
    }

    static void putBits(long[] words, long bitOffset, int bits, long value) {
        int word = (int) (bitOffset / 64);
        int shift = (int) (bitOffset % 64);
        long mask = bits == 64 ? -1L : ((1L << bits) - 1) << shift;
        words[word] = (words[word] & ~mask) | ((value << shift) & mask);
    }

    /** The type with generic parameters replaced by the brand's bindings where it binds them. */
    static Type substitute(Type type, Brand brand) {
        if (brand == null || type == null) {
            return type;
        }
        if (type.which == Type.Which.ANY_POINTER && type.anyKind == Type.AnyKind.PARAMETER) {
            for (Brand.Scope s : brand.scopes()) {
                if (s.scopeId() == type.parameterScopeId && s.bindings() != null) {
                    Type bound = type.parameterIndex < s.bindings().size() ? s.bindings().get(type.parameterIndex) : null;
                    return bound == null ? Type.anyPointer(Type.AnyKind.ANY) : bound;
                }
            }
        } else if (type.which == Type.Which.LIST) {
            Type element = substitute(type.elementType, brand);
            return element == type.elementType ? type : Type.list(element);
        }
        return type;
    }

    String typeName(Type type) {
        return switch (type.which) {
            case VOID -> "Void";
            case BOOL -> "Bool";
            case INT8 -> "Int8";
            case INT16 -> "Int16";
            case INT32 -> "Int32";
            case INT64 -> "Int64";
            case UINT8 -> "UInt8";
            case UINT16 -> "UInt16";
            case UINT32 -> "UInt32";
            case UINT64 -> "UInt64";
            case FLOAT32 -> "Float32";
            case FLOAT64 -> "Float64";
            case TEXT -> "Text";
            case DATA -> "Data";
            case LIST -> "List(" + typeName(type.elementType) + ")";
            case ENUM, STRUCT, INTERFACE -> {
                Node n = structNode(type.typeId);
                yield n == null ? "?" : n.shortName();
            }
            case ANY_POINTER -> "AnyPointer";
        };
    }
}
