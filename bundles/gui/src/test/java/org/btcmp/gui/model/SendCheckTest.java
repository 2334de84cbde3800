package org.btcmp.gui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.script.Address;
import org.junit.jupiter.api.Test;

class SendCheckTest {
    static final String REGTEST_ADDRESS = Address.fromScript(ScriptBuilder.witness(0, new byte[20]),
            ChainParams.of(ChainType.REGTEST)).orElseThrow();

    @Test
    void aValidAddressAndCoveredAmountPass() {
        SendCheck.Result r = SendCheck.check(REGTEST_ADDRESS, "1.25", Network.REGTEST, 2 * BtcAmount.COIN);
        assertTrue(r.ok(), r.toString());
        assertEquals(125_000_000L, r.satoshis());
    }

    @Test
    void eachRuleRefusesWithItsMessage() {
        long balance = BtcAmount.COIN;
        assertEquals("Amount exceeds your spendable balance of 1.00000000 BTC",
                SendCheck.check(REGTEST_ADDRESS, "1.00000001", Network.REGTEST, balance).amountError());
        assertEquals("The amount cannot be negative", SendCheck.check(REGTEST_ADDRESS, "-0.1", Network.REGTEST, balance).amountError());
        assertEquals("At most 8 decimals (1 satoshi is 0.00000001 BTC)",
                SendCheck.check(REGTEST_ADDRESS, "0.123456789", Network.REGTEST, balance).amountError());
        SendCheck.Result badAddress = SendCheck.check(typo(REGTEST_ADDRESS), "0.1", Network.REGTEST, balance);
        assertFalse(badAddress.ok());
        assertEquals("Checksum mismatch: a character is mistyped", badAddress.addressError());
        assertNull(badAddress.amountError());
    }

    /** The address with its last character changed (still a bech32 character). */
    static String typo(String a) {
        char last = a.charAt(a.length() - 1);
        return a.substring(0, a.length() - 1) + (last == 'q' ? 'p' : 'q');
    }
}
