package org.btcmp.gui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.script.Address;
import org.junit.jupiter.api.Test;

/**
 * The GUI's own address check against the node's codecs (org.btcmp.primitives, an independent
 * implementation): what one accepts the other accepts, per network and after single-character typos.
 */
class AddressCheckTest {
    private static final Random RANDOM = new Random(20261125);

    /** One address of every kind (P2PKH, P2SH, P2WPKH, P2WSH, P2TR) for {@code chain}. */
    private static List<String> addresses(ChainType chain) {
        ChainParams p = ChainParams.of(chain);
        List<String> out = new ArrayList<>();
        out.add(Address.fromScript(ScriptBuilder.p2pkh(bytes(20)), p).orElseThrow());
        out.add(Address.fromScript(ScriptBuilder.p2sh(bytes(20)), p).orElseThrow());
        out.add(Address.fromScript(ScriptBuilder.witness(0, bytes(20)), p).orElseThrow());
        out.add(Address.fromScript(ScriptBuilder.witness(0, bytes(32)), p).orElseThrow());
        out.add(Address.fromScript(ScriptBuilder.witness(1, bytes(32)), p).orElseThrow());
        return out;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    @Test
    void acceptsEveryKindOfAddressOfItsNetwork() {
        for (ChainType chain : List.of(ChainType.MAIN, ChainType.REGTEST, ChainType.TESTNET4)) {
            Network n = Network.ofChainName(chain.chainName());
            for (String a : addresses(chain)) {
                assertNull(AddressCheck.problem(a, n), a);
                assertNull(AddressCheck.problem("  " + a + " ", n), "surrounding blanks are ignored: " + a);
            }
        }
    }

    @Test
    void publishedBip173VectorUpperCaseIsAccepted() {
        // BIP173's example P2WPKH address, in upper case (valid as long as the case is not mixed)
        assertNull(AddressCheck.problem("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", Network.MAIN));
        assertEquals("Mixed upper and lower case",
                AddressCheck.problem("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3t4", Network.MAIN));
    }

    @Test
    void anotherNetworksAddressIsRefusedByName() {
        List<String> main = addresses(ChainType.MAIN);
        assertEquals("This is an address for another network (bc1…), not regtest", AddressCheck.problem(main.get(2), Network.REGTEST));
        assertEquals("This is an address for another network, not regtest", AddressCheck.problem(main.get(0), Network.REGTEST));
        assertEquals("This is an address for another network (bcrt1…), not main",
                AddressCheck.problem(addresses(ChainType.REGTEST).get(4), Network.MAIN));
    }

    @Test
    void everySingleCharacterTypoIsCaughtAsThePrimitivesDo() {
        ChainParams params = ChainParams.of(ChainType.REGTEST);
        String alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        int checked = 0;
        for (String a : addresses(ChainType.REGTEST)) {
            for (int i = 0; i < a.length(); i++) {
                char c = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
                if (c == a.charAt(i)) {
                    continue;
                }
                String typo = a.substring(0, i) + c + a.substring(i + 1);
                String problem = AddressCheck.problem(typo, Network.REGTEST);
                boolean primitivesAccept;
                try {
                    Address.toScript(typo, params);
                    primitivesAccept = true;
                } catch (IllegalArgumentException e) {
                    primitivesAccept = false;
                }
                assertNotNull(problem, "a typo passed: " + typo);
                assertEquals(false, primitivesAccept, "the codecs disagree on " + typo + " (" + problem + ")");
                checked++;
            }
        }
        assertEquals(true, checked > 150, "checked " + checked);
    }

    @Test
    void explainsMalformedInput() {
        assertEquals("Enter an address", AddressCheck.problem("", Network.REGTEST));
        assertEquals("'0' cannot appear in an address", AddressCheck.problem("0OIl", Network.REGTEST));
        assertEquals("Too short for an address", AddressCheck.problem("mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn".substring(0, 20),
                Network.REGTEST));
        String bech = addresses(ChainType.REGTEST).get(2);
        assertEquals("'b' cannot appear in this address", AddressCheck.problem(bech.substring(0, 10) + "b" + bech.substring(11),
                Network.REGTEST));
        String last = bech.substring(bech.length() - 1);
        String flipped = bech.substring(0, bech.length() - 1) + (last.equals("q") ? "p" : "q");
        assertEquals("Checksum mismatch: a character is mistyped", AddressCheck.problem(flipped, Network.REGTEST));
    }
}
