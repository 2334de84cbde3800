package org.btcmp.wallet.descriptor;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.wallet.keys.ExtendedKey;

/**
 * The descriptors Core puts in a new descriptor wallet: for each output type (legacy BIP44,
 * p2sh-segwit BIP49, bech32 BIP84, bech32m BIP86) one receive ({@code /0/*}) and one change
 * ({@code /1/*}) descriptor, account 0, coin type 0h on mainnet and 1h on test networks.
 */
public final class DefaultDescriptors {

    /** One descriptor of a new wallet and whether it is for change. */
    public record Entry(Descriptor descriptor, boolean internal) {
        public String outputType() {
            return descriptor.outputType().orElseThrow();
        }
    }

    private DefaultDescriptors() {
    }

    public static List<Entry> forMaster(ExtendedKey master) {
        if (!master.hasPrivateKey() || master.depth() != 0) {
            throw new IllegalArgumentException("a new wallet's descriptors come from a master private key");
        }
        String xprv = master.serialize();
        String coinType = master.isMainnet() ? "0h" : "1h";
        String[][] templates = {{"pkh(", "44h", ")"}, {"sh(wpkh(", "49h", "))"}, {"wpkh(", "84h", ")"}, {"tr(", "86h", ")"}};
        List<Entry> entries = new ArrayList<>();
        for (String[] t : templates) {
            for (boolean internal : new boolean[] {false, true}) {
                String text = t[0] + xprv + "/" + t[1] + "/" + coinType + "/0h/" + (internal ? 1 : 0) + "/*" + t[2];
                entries.add(new Entry(DescriptorParser.parse(text, master.isMainnet(), false), internal));
            }
        }
        return List.copyOf(entries);
    }
}
