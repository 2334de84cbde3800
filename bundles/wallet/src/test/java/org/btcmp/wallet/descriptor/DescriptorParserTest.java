package org.btcmp.wallet.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DescriptorParserTest {
    private static final String XPUB =
            "xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL";
    private static final String UNCOMPRESSED = "04a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd"
            + "5b8dec5235a0fa8722476c7709c02559e3aa73aa03918ba2d492eea75abea235";

    private static String error(String descriptor, boolean mainnet) {
        return assertThrows(DescriptorException.class, () -> DescriptorParser.parse(descriptor, mainnet, false))
                .getMessage();
    }

    @Test
    void uncompressedKeysAreRefusedInSegwitAndTaproot() {
        assertEquals("Uncompressed keys are not allowed", error("wpkh(" + UNCOMPRESSED + ")", true));
        assertEquals("Uncompressed keys are not allowed", error("sh(wpkh(" + UNCOMPRESSED + "))", true));
        assertEquals("Uncompressed keys are not allowed", error("tr(" + UNCOMPRESSED + ")", true));
        assertEquals("Uncompressed keys are not allowed",
                error("wpkh(5KYZdUEo39z3FPrtuX2QbbwGnNP5zTd7yyr2SC1j299sBCnWjss)", true));
    }

    @Test
    void keysOfTheOtherNetworkAreRefused() {
        assertTrue(error("wpkh(" + XPUB + "/0/*)", false).contains("mainnet"));
        assertTrue(error("wpkh(L4rK1yDtCWekvXuE6oXD9jCYfFNV2cWRpVuPLBcCU2z8TrisoyY1)", false).contains("network"));
    }

    @Test
    void malformedTextIsNamed() {
        assertTrue(error("wpkh(" + XPUB + "/0/*/1)", true).contains("'*'"));
        assertTrue(error("wpkh()", true).contains("No key"));
        assertTrue(error("wpkh(02deadbeef)", true).contains("Pubkey '02deadbeef' is invalid"));
        assertTrue(error("wpkh(" + XPUB.substring(0, 100) + "x)", true).contains("is not valid"));
        assertTrue(error("wsh(pk(" + XPUB + "))", true).contains("'wsh'"));
        assertTrue(error("tr(" + XPUB + ",pk(" + XPUB + "))", true).contains("script tree"));
    }

    @Test
    void hardenedStepsOfAPublicKeyCannotBeDerived() {
        Descriptor d = DescriptorParser.parse("wpkh(" + XPUB + "/1h/*)", true, false);
        DescriptorException e = assertThrows(DescriptorException.class, () -> d.scriptAt(0));
        assertTrue(e.getMessage().contains("without its private key"), e.getMessage());
    }

    @Test
    void apostrophesAreKeptInThePlainTextAndOutputTypesFollowCore() {
        Descriptor d = DescriptorParser.parse("pkh([deadbeef/1/2'/3/4']" + XPUB + "/0/*)", true, false);
        assertTrue(d.toString().startsWith("pkh([deadbeef/1/2'/3/4']" + XPUB + "/0/*)#"), d.toString());
        assertEquals("legacy", d.outputType().orElseThrow());
        assertEquals("bech32m", DescriptorParser.parse("tr(" + XPUB + "/0/*)", true, false).outputType().orElseThrow());
        assertEquals("p2sh-segwit",
                DescriptorParser.parse("sh(wpkh(" + XPUB + "/0/*))", true, false).outputType().orElseThrow());
    }
}
