package org.btcmp.ipc.capnp.proxy;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.ipc.capnp.rpc.CapPointer;
import org.btcmp.ipc.capnp.rpc.RawStruct;
import org.capnproto.AnyPointer;
import org.capnproto.PointerList;

/**
 * The interface type hook (Core's type-interface.h): an object of a Java interface as a capability, a
 * live reference to it; the receiver gets a proxy, or the object itself when it comes home. A list of
 * them is a List(Interface); a null object is a null pointer.
 */
public final class InterfaceCodecs {
    private InterfaceCodecs() {
    }

    public static <I> Codec<I> object(Class<I> type) {
        return new Codec<>() {
            @Override
            public void set(RawStruct.Builder s, int offset, I v, Side side) {
                s.setCap(offset, side.writeObject(type, v));
            }

            @Override
            public I get(RawStruct.Reader s, int offset, Side side) {
                return side.readObject(type, s.getCap(offset));
            }

            @Override
            public void setList(AnyPointer.Builder p, List<I> values, Side side) {
                PointerList.Builder<CapPointer.Slot> list = p.initAs(CapPointer.LIST, values.size());
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) != null) {
                        list.get(i).set(side.writeObject(type, values.get(i)));
                    }
                }
            }

            @Override
            public List<I> getList(AnyPointer.Reader p, Side side) {
                PointerList.Reader<CapPointer.Slot> list = p.getAs(CapPointer.LIST);
                List<I> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(side.readObject(type, list.get(i).index()));
                }
                return out;
            }
        };
    }
}
