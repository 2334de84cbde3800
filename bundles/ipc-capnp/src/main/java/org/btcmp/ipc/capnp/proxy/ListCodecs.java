package org.btcmp.ipc.capnp.proxy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.capnproto.AnyPointer;
import org.capnproto.PointerList;

/**
 * The collection type hooks (Core's type-vector.h and type-set.h): List, Collection and Set as
 * List(element), the element's own list form deciding the wire list; null as a null pointer. A list of
 * lists is a list of pointers, each to its own inner list (a null inner list: a null pointer).
 */
public final class ListCodecs {
    /** A list of pointers, each element reached as an AnyPointer: where an inner list is written and read. */
    private static final PointerList.Factory<AnyPointer.Reader, AnyPointer.Builder> POINTERS =
            new PointerList.Factory<>(AnyPointer.factory, AnyPointer.factory);

    private ListCodecs() {
    }

    /** List as List(element). */
    public static <E> Codec<List<E>> list(Codec<E> element) {
        return new Codec<>() {
            @Override
            public void set(RawStruct.Builder s, int offset, List<E> v, Side side) {
                if (v != null) {
                    element.setList(s.pointer(offset), v, side);
                }
            }

            @Override
            public List<E> get(RawStruct.Reader s, int offset, Side side) {
                return s.isNull(offset) ? null : element.getList(s.pointer(offset), side);
            }

            @Override
            public void setList(AnyPointer.Builder p, List<List<E>> values, Side side) {
                PointerList.Builder<AnyPointer.Builder> outer = p.initAs(POINTERS, values.size());
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) != null) {
                        element.setList(outer.get(i), values.get(i), side);
                    }
                }
            }

            @Override
            public List<List<E>> getList(AnyPointer.Reader p, Side side) {
                PointerList.Reader<AnyPointer.Reader> outer = p.getAs(POINTERS);
                List<List<E>> out = new ArrayList<>(outer.size());
                for (int i = 0; i < outer.size(); i++) {
                    AnyPointer.Reader inner = outer.get(i);
                    out.add(inner.isNull() ? null : element.getList(inner, side));
                }
                return out;
            }
        };
    }

    /** Collection as List(element). */
    public static <E> Codec<Collection<E>> collection(Codec<E> element) {
        return list(element).as(ArrayList::new, l -> l);
    }

    /** Set as List(element), in iteration order; read as an insertion-ordered set. */
    public static <E> Codec<Set<E>> set(Codec<E> element) {
        return list(element).as(ArrayList::new, LinkedHashSet::new);
    }
}
