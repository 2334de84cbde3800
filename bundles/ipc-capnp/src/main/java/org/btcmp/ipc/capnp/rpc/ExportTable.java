package org.btcmp.ipc.capnp.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Entries under ids this side picks (questions we ask, capabilities we export): a new entry gets the
 * lowest free id, as the C++ library does, so ids stay small. Not thread-safe: the connection's lock
 * guards it.
 */
final class ExportTable<T> {
    private final List<T> slots = new ArrayList<>();
    private final PriorityQueue<Integer> free = new PriorityQueue<>();

    int add(T entry) {
        Integer id = free.poll();
        if (id == null) {
            slots.add(entry);
            return slots.size() - 1;
        }
        slots.set(id, entry);
        return id;
    }

    /** The entry under {@code id}, or null (ids come from the peer: any value may arrive). */
    T find(long id) {
        return id >= 0 && id < slots.size() ? slots.get((int) id) : null;
    }

    /** Removes and returns the entry under {@code id} (null if none), so the caller decides when to free it. */
    T erase(long id) {
        T entry = find(id);
        if (entry != null) {
            slots.set((int) id, null);
            free.add((int) id);
        }
        return entry;
    }

    /** Removes every entry, returning them (for teardown). */
    List<T> eraseAll() {
        List<T> all = new ArrayList<>();
        for (T entry : slots) {
            if (entry != null) {
                all.add(entry);
            }
        }
        slots.clear();
        free.clear();
        return all;
    }
}
