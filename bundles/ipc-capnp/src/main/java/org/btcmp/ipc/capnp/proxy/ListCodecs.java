package org.btcmp.ipc.capnp.proxy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.btcmp.ipc.capnp.rpc.RawStruct;

/**
 * The collection type hooks (Core's type-vector.h and type-set.h): List, Collection and Set as
 * List(element), the element's own list form deciding the wire list; null as a null pointer.
 */
public final class ListCodecs {
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
