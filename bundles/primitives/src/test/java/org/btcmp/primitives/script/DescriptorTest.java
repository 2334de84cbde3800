package org.btcmp.primitives.script;

import org.btcmp.primitives.ChainParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.Hex;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.ScriptBuilder;
import org.junit.jupiter.api.Test;

class DescriptorTest {
    private static final String G = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    @Test
    void checksumsMatchPublishedExamples() {
        assertEquals("89f8spxm", Descriptor.checksum("raw(deadbeef)"), "BIP380 test vector");
        assertEquals("02wpgw69", Descriptor.checksum("addr(mkmZxiEcEd8ZqjQWVZuC6so5dFMKEFpN2j)"));
    }

    @Test
    void scriptsOfEachForm() {
        var p = ChainParams.of(ChainType.REGTEST);
        byte[] h = Hashes.hash160(Hex.decode(G));
        assertEquals(ScriptBuilder.witness(0, h), Descriptor.parse("wpkh(" + G + ")", p, false).script());
        assertEquals(ScriptBuilder.p2pkh(h), Descriptor.parse("pkh(" + G + ")", p, false).script());
        assertEquals(ScriptBuilder.p2sh(Hashes.hash160(ScriptBuilder.witness(0, h).bytes())),
                Descriptor.parse("sh(wpkh(" + G + "))", p, false).script());
        assertEquals("deadbeef", Descriptor.parse("raw(deadbeef)#89f8spxm", p, true).script().toHex());
        assertEquals("raw(deadbeef)#89f8spxm", Descriptor.parse("raw(deadbeef)", p, false).withChecksum());
    }

    @Test
    void errorsAreClear() {
        var p = ChainParams.of(ChainType.REGTEST);
        assertEquals("Missing checksum", assertThrows(DecodeException.class,
                () -> Descriptor.parse("raw(deadbeef)", p, true)).getMessage());
        assertThrows(DecodeException.class, () -> Descriptor.parse("raw(deadbeef)#89f8spxx", p, false));
        assertThrows(DecodeException.class, () -> Descriptor.parse("wpkh(xpubnope)", p, false));
        assertThrows(DecodeException.class, () -> Descriptor.parse("tr(" + G + ")", p, false));
    }
}
