package org.btcmp.ipc.capnp.rpc.typed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.btcmp.ipc.capnp.rpc.CapPointer;
import org.btcmp.ipc.capnp.rpc.Capability;
import org.capnproto.PointerList;

/** A List(Interface) as typed clients: elements are cap-table indexes of the message they are in. */
final class CapabilityLists {
    private CapabilityLists() {
    }

    /** One client per element (null for a null element), each owning a handle of its capability. */
    static <C> List<C> read(PointerList.Reader<CapPointer.Slot> list, IntFunction<Capability> capAt,
            Function<Capability, C> client) {
        List<C> clients = new ArrayList<>(list.size());
        try {
            for (int i = 0; i < list.size(); i++) {
                Capability cap = capAt.apply(list.get(i).index());
                clients.add(cap == null ? null : client.apply(cap));
            }
        } catch (RuntimeException e) {
            clients.forEach(CapabilityLists::closeQuietly); // a bad element: let go of the handles taken so far
            throw e;
        }
        return clients;
    }

    /** Points element i at {@code clients.get(i)}'s capability in the table (a null client: a null element). */
    static void write(PointerList.Builder<CapPointer.Slot> list, List<? extends TypedClient> clients,
            ToIntFunction<Capability> addCap) {
        if (list.size() != clients.size()) {
            throw new IllegalArgumentException("a list of " + list.size() + " for " + clients.size() + " clients");
        }
        for (int i = 0; i < clients.size(); i++) {
            TypedClient c = clients.get(i);
            if (c != null) {
                list.get(i).set(addCap.applyAsInt(c.capability()));
            }
        }
    }

    private static void closeQuietly(Object client) {
        if (client instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a client only releases a handle
            }
        }
    }
}
