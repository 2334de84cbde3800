package org.btcmp.ipc.capnp.proxy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.capnproto.StructList;

/** The map type hook (Core's type-map.h): Map as a List of entry structs {key, value}. */
public final class MapCodecs {
    private MapCodecs() {
    }

    /** Map as List(entry struct {key, value}), in iteration order; read as an insertion-ordered map. */
    public static <K, V> Codec<Map<K, V>> mapOf(int dataWords, int pointers, Codec<K> key, int keyOffset,
            Codec<V> value, int valueOffset) {
        StructList.Factory<RawStruct.Builder, RawStruct.Reader> factory = new StructList.Factory<>(RawStruct.factory(dataWords, pointers));
        return new Codec<>() {
            @Override
            public void set(RawStruct.Builder s, int offset, Map<K, V> v, Side side) {
                if (v == null) {
                    return;
                }
                StructList.Builder<RawStruct.Builder> list = s.pointer(offset).initAs(factory, v.size());
                int i = 0;
                for (Map.Entry<K, V> e : v.entrySet()) {
                    RawStruct.Builder entry = list.get(i++);
                    key.set(entry, keyOffset, e.getKey(), side);
                    value.set(entry, valueOffset, e.getValue(), side);
                }
            }

            @Override
            public Map<K, V> get(RawStruct.Reader s, int offset, Side side) {
                if (s.isNull(offset)) {
                    return null;
                }
                StructList.Reader<RawStruct.Reader> list = s.pointer(offset).getAs(factory);
                Map<K, V> out = new LinkedHashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    RawStruct.Reader entry = list.get(i);
                    out.put(key.get(entry, keyOffset, side), value.get(entry, valueOffset, side));
                }
                return out;
            }
        };
    }
}
