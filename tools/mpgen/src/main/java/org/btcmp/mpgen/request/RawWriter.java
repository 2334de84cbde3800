package org.btcmp.mpgen.request;

import java.nio.ByteBuffer;
import org.btcmp.mpgen.schema.RawPointer;
import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.capnproto.DataList;
import org.capnproto.ListFactory;
import org.capnproto.ListList;
import org.capnproto.PrimitiveList;
import org.capnproto.StructList;
import org.capnproto.Text;
import org.capnproto.TextList;

/** Writes schema-free pointer content (struct, list or blob trees) into a message. */
final class RawWriter {
    private RawWriter() {
    }

    static void write(AnyPointer.Builder target, RawPointer value) {
        if (value == null) {
            target.clear();
        } else if (value instanceof RawPointer.Struct s) {
            fill(target.initAs(RawStruct.factory(s.data().length, s.pointers().length)), s);
        } else if (value instanceof RawPointer.Blob b) {
            if (b.text()) {
                target.setAs(Text.factory, new Text.Reader(ByteBuffer.wrap(b.bytes()), 0, b.bytes().length));
            } else {
                target.setAs(Data.factory, new Data.Reader(b.bytes()));
            }
        } else {
            RawPointer.List l = (RawPointer.List) value;
            fillList(target.initAs(factoryFor(l), l.count()), l);
        }
    }

    static void fill(RawStruct out, RawPointer.Struct s) {
        for (int i = 0; i < s.data().length; i++) {
            if (s.data()[i] != 0) {
                out.setU64(i, s.data()[i]);
            }
        }
        for (int i = 0; i < s.pointers().length; i++) {
            if (s.pointers()[i] != null) {
                write(out.pointer(i), s.pointers()[i]);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ListFactory factoryFor(RawPointer.List l) {
        return switch (l.elementSize()) {
            case 0 -> PrimitiveList.Void.factory;
            case 1 -> PrimitiveList.Boolean.factory;
            case 2 -> PrimitiveList.Byte.factory;
            case 3 -> PrimitiveList.Short.factory;
            case 4 -> PrimitiveList.Int.factory;
            case 5 -> PrimitiveList.Long.factory;
            case 7 -> new StructList.Factory<>(RawStruct.factory(l.dataWords(), l.pointerCount()));
            default -> {
                RawPointer first = null;
                for (RawPointer p : l.pointers()) {
                    if (p != null) {
                        first = p;
                        break;
                    }
                }
                if (first instanceof RawPointer.Blob b) {
                    yield b.text() ? TextList.factory : DataList.factory;
                } else if (first instanceof RawPointer.List inner) {
                    yield new ListList.Factory(factoryFor(inner));
                }
                yield new ListList.Factory(PrimitiveList.Void.factory);
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void fillList(Object builder, RawPointer.List l) {
        long[] v = l.values();
        switch (l.elementSize()) {
            case 0 -> {
            }
            case 1 -> {
                var b = (PrimitiveList.Boolean.Builder) builder;
                for (int i = 0; i < v.length; i++) {
                    b.set(i, v[i] != 0);
                }
            }
            case 2 -> {
                var b = (PrimitiveList.Byte.Builder) builder;
                for (int i = 0; i < v.length; i++) {
                    b.set(i, (byte) v[i]);
                }
            }
            case 3 -> {
                var b = (PrimitiveList.Short.Builder) builder;
                for (int i = 0; i < v.length; i++) {
                    b.set(i, (short) v[i]);
                }
            }
            case 4 -> {
                var b = (PrimitiveList.Int.Builder) builder;
                for (int i = 0; i < v.length; i++) {
                    b.set(i, (int) v[i]);
                }
            }
            case 5 -> {
                var b = (PrimitiveList.Long.Builder) builder;
                for (int i = 0; i < v.length; i++) {
                    b.set(i, v[i]);
                }
            }
            case 7 -> {
                var b = (StructList.Builder<RawStruct>) builder;
                for (int i = 0; i < l.count(); i++) {
                    fill(b.get(i), (RawPointer.Struct) l.pointers()[i]);
                }
            }
            default -> {
                for (int i = 0; i < l.count(); i++) {
                    RawPointer p = l.pointers()[i];
                    if (p instanceof RawPointer.Blob blob) {
                        if (builder instanceof TextList.Builder tb) {
                            tb.set(i, new Text.Reader(ByteBuffer.wrap(blob.bytes()), 0, blob.bytes().length));
                        } else {
                            ((DataList.Builder) builder).set(i, new Data.Reader(blob.bytes()));
                        }
                    } else if (p instanceof RawPointer.List inner) {
                        fillList(((ListList.Builder) builder).init(i, inner.count()), inner);
                    }
                }
            }
        }
    }
}
