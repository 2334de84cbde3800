package org.btcmp.primitives.script;

import org.btcmp.primitives.ChainParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hex;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.junit.jupiter.api.Test;

class AddressTest {
    // BIP173 example vectors.
    @Test
    void bip173Vectors() {
        Script s = Address.toScript("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", ChainParams.of(ChainType.MAIN));
        assertEquals("0014751e76e8199196d454941c45d1b3a323f1433bd6", s.toHex());
        assertEquals("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
                Address.fromScript(s, ChainParams.of(ChainType.MAIN)).orElseThrow());
        Script wsh = Address.toScript("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
                ChainParams.of(ChainType.TESTNET));
        assertEquals("00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262", wsh.toHex());
    }

    @Test
    void taprootRoundTripUsesBech32m() {
        Script tr = ScriptBuilder.witness(1, new byte[32]);
        String a = Address.fromScript(tr, ChainParams.of(ChainType.REGTEST)).orElseThrow();
        assertEquals(tr, Address.toScript(a, ChainParams.of(ChainType.REGTEST)));
    }

    @Test
    void base58RoundTripBothPrefixes() {
        byte[] h = Hex.decode("751e76e8199196d454941c45d1b3a323f1433bd6");
        assertEquals("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH",
                Address.fromScript(ScriptBuilder.p2pkh(h), ChainParams.of(ChainType.MAIN)).orElseThrow());
        for (Script s : new Script[] {ScriptBuilder.p2pkh(h), ScriptBuilder.p2sh(h)}) {
            String a = Address.fromScript(s, ChainParams.of(ChainType.REGTEST)).orElseThrow();
            assertEquals(s, Address.toScript(a, ChainParams.of(ChainType.REGTEST)));
        }
    }

    @Test
    void badAddressesAreCleanErrors() {
        assertThrows(DecodeException.class, () -> Address.toScript("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
                ChainParams.of(ChainType.MAIN)), "bad checksum");
        assertThrows(DecodeException.class, () -> Address.toScript("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
                ChainParams.of(ChainType.REGTEST)), "other network");
        assertThrows(DecodeException.class, () -> Address.toScript("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH",
                ChainParams.of(ChainType.REGTEST)), "mainnet base58 on regtest");
        assertThrows(DecodeException.class, () -> Address.toScript("0OIl", ChainParams.of(ChainType.REGTEST)));
        assertThrows(DecodeException.class, () -> Address.toScript("", ChainParams.of(ChainType.REGTEST)));
    }
}
