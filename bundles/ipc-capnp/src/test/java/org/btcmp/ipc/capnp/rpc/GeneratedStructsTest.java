package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.btcmp.ipc.capnp.rpc.Rpctest.Calc;
import org.btcmp.ipc.capnp.rpc.Rpctest.Callback;
import org.capnproto.AnyPointer;
import org.capnproto.MessageBuilder;
import org.junit.jupiter.api.Test;

/**
 * The params/results structs mpgen generates for rpctest.capnp lay fields out where `capnp compile
 * -ocapnp` puts them (the offsets below are its output), capability fields included. The calls over
 * connections in the other tests carry them to and from C++.
 */
class GeneratedStructsTest {
    @Test
    void dataFieldsSitAtCapnpsOffsets() {
        MessageBuilder message = new MessageBuilder();
        Calc.CounterParams.Builder counter = message.initRoot(Calc.CounterParams.factory);
        counter.setStart(40);
        counter.setDelayMs(300);
        RawStruct.Reader raw = root(message);
        assertEquals(40, raw.getLong(0));
        assertEquals(300, raw.getInt(2));
    }

    @Test
    void capabilityFieldsAreCapPointersAtCapnpsPointerIndexes() {
        MessageBuilder message = new MessageBuilder();
        Calc.CallBackParams.Builder callBack = message.initRoot(Calc.CallBackParams.factory);
        callBack.setCallback(3);
        callBack.setText("ping");
        assertEquals(3, root(message).getCap(0));
        assertEquals("ping", root(message).getText(1));
        assertEquals(3, callBack.asReader().getCallback());

        MessageBuilder other = new MessageBuilder();
        Callback.CallParams.Builder call = other.initRoot(Callback.CallParams.factory);
        call.setText("x");
        assertEquals(-1, call.asReader().getCalc(), "an unset capability reads as null");
        call.setCalc(0);
        assertEquals(0, root(other).getCap(1));
        call.setCalc(-1);
        assertFalse(call.asReader().hasCalc(), "a negative index clears the field");
        assertEquals(-1, root(other).getCap(1));
    }

    private static RawStruct.Reader root(MessageBuilder message) {
        return message.getRoot(AnyPointer.factory).asReader().getAs(RawStruct.ANY);
    }
}
