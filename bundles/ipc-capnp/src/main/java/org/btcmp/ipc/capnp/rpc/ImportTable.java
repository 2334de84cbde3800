package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Entries under ids the peer picks (its questions to us, its exports to us). Guarded by the connection's lock. */
final class ImportTable<T> {
    private final Map<Integer, T> entries = new HashMap<>();

    T find(int id) {
        return entries.get(id);
    }

    void put(int id, T entry) {
        entries.put(id, entry);
    }

    T erase(int id) {
        return entries.remove(id);
    }

    List<T> eraseAll() {
        List<T> all = new ArrayList<>(entries.values());
        entries.clear();
        return all;
    }
}
