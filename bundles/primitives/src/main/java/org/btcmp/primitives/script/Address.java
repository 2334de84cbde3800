package org.btcmp.primitives.script;

import java.util.Arrays;
import java.util.Optional;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;

/** Converts between addresses and scriptPubKeys for one network. */
public final class Address {
    private Address() {
    }

    /** The scriptPubKey an address pays to; {@link DecodeException} when it is not valid for {@code params}. */
    public static Script toScript(String address, ChainParams params) {
        String lower = address.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith(params.bech32Hrp() + "1")) {
            Bech32.WitnessAddress w = Bech32.decodeSegwit(address);
            if (!w.hrp().equals(params.bech32Hrp())) {
                throw new DecodeException("address is for another network");
            }
            return ScriptBuilder.witness(w.version(), w.program());
        }
        byte[] payload;
        try {
            payload = Base58.decodeCheck(address);
        } catch (DecodeException e) {
            throw new DecodeException("invalid address: " + e.getMessage(), e);
        }
        if (payload.length != 21) {
            throw new DecodeException("invalid address: payload of " + payload.length + " bytes");
        }
        byte[] hash = Arrays.copyOfRange(payload, 1, 21);
        int prefix = payload[0] & 0xff;
        if (prefix == params.pubkeyAddressPrefix()) {
            return ScriptBuilder.p2pkh(hash);
        }
        if (prefix == params.scriptAddressPrefix()) {
            return ScriptBuilder.p2sh(hash);
        }
        throw new DecodeException("invalid address: unknown version byte " + prefix + " for this network");
    }

    /** The address of a standard scriptPubKey, or empty when it has none (bare multisig, OP_RETURN, ...). */
    public static Optional<String> fromScript(Script script, ChainParams params) {
        byte[] b = script.bytes();
        if (script.isP2PKH()) {
            return Optional.of(base58(params.pubkeyAddressPrefix(), Arrays.copyOfRange(b, 3, 23)));
        }
        if (script.isP2SH()) {
            return Optional.of(base58(params.scriptAddressPrefix(), Arrays.copyOfRange(b, 2, 22)));
        }
        if (script.isWitnessProgram()) {
            int v = script.witnessVersion();
            byte[] program = script.witnessProgram();
            if (v == 0 && program.length != 20 && program.length != 32) {
                return Optional.empty();
            }
            return Optional.of(Bech32.encodeSegwit(params.bech32Hrp(), v, program));
        }
        return Optional.empty();
    }

    private static String base58(int prefix, byte[] hash) {
        byte[] payload = new byte[21];
        payload[0] = (byte) prefix;
        System.arraycopy(hash, 0, payload, 1, 20);
        return Base58.encodeCheck(payload);
    }
}
