package org.btcmp.ipc.capnp.proxy;

import org.btcmp.ipc.capnp.rpc.RawStruct;

/**
 * The interface type hook (Core's type-interface.h): an object of a Java interface as a capability, a
 * live reference to it; the receiver gets a proxy, or the object itself when it comes home.
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
        };
    }
}
