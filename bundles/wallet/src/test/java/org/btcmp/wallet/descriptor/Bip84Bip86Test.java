package org.btcmp.wallet.descriptor;

import org.btcmp.primitives.ChainParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.script.Address;
import org.btcmp.wallet.keys.Bip39;
import org.btcmp.wallet.keys.EcKeys;
import org.btcmp.wallet.keys.ExtendedKey;
import org.btcmp.wallet.keys.HdVersion;
import org.btcmp.wallet.keys.KeyPath;
import org.btcmp.wallet.keys.VectorFiles;
import org.junit.jupiter.api.Test;

/** BIP84 and BIP86 published vectors, reached through the wallet's own descriptors. */
class Bip84Bip86Test {
    private static final HexFormat HEX = HexFormat.of();

    /** The vector file as "path -> (key -> value)"; the root entries sit under "m". */
    private static Map<String, Map<String, String>> sections(String file) {
        Map<String, Map<String, String>> out = new HashMap<>();
        String path = "m";
        for (String line : VectorFiles.lines(file)) {
            if (line.startsWith("//")) {
                path = line.substring(line.indexOf("m/")).trim();
                continue;
            }
            int eq = line.indexOf('=');
            out.computeIfAbsent(path, p -> new HashMap<>()).put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return out;
    }

    private static String address(Script script) {
        return Address.fromScript(script, ChainParams.of(ChainType.MAIN)).orElseThrow();
    }

    @Test
    void bip84AccountAndAddresses() {
        Map<String, Map<String, String>> v = sections("bip84.txt");
        ExtendedKey root = ExtendedKey.fromSeed(Bip39.toSeed(v.get("m").get("mnemonic"), ""), true);
        assertEquals(v.get("m").get("rootpriv"), root.serialize(HdVersion.BIP84_MAIN));
        assertEquals(v.get("m").get("rootpub"), root.neuter().serialize(HdVersion.BIP84_MAIN));
        ExtendedKey account = root.derive(KeyPath.parse("m/84'/0'/0'"));
        assertEquals(v.get("m/84'/0'/0'").get("xpriv"), account.serialize(HdVersion.BIP84_MAIN));
        assertEquals(v.get("m/84'/0'/0'").get("xpub"), account.neuter().serialize(HdVersion.BIP84_MAIN));

        Descriptor receive = DescriptorParser.parse("wpkh(" + root.serialize() + "/84h/0h/0h/0/*)", true, false);
        Descriptor change = DescriptorParser.parse("wpkh(" + root.serialize() + "/84h/0h/0h/1/*)", true, false);
        Map<String, Script> scripts = Map.of(
                "m/84'/0'/0'/0/0", receive.scriptAt(0), "m/84'/0'/0'/0/1", receive.scriptAt(1),
                "m/84'/0'/0'/1/0", change.scriptAt(0));
        for (var e : scripts.entrySet()) {
            Map<String, String> expected = v.get(e.getKey());
            assertEquals(expected.get("address"), address(e.getValue()), e.getKey());
            assertEquals(expected.get("pubkey"), HEX.formatHex(root.derive(KeyPath.parse(e.getKey())).publicKey()));
        }
    }

    @Test
    void bip86AccountKeysTweaksAndAddresses() {
        Map<String, Map<String, String>> v = sections("bip86.txt");
        ExtendedKey root = ExtendedKey.fromSeed(Bip39.toSeed(v.get("m").get("mnemonic"), ""), true);
        assertEquals(v.get("m").get("rootpriv"), root.serialize());
        assertEquals(v.get("m").get("rootpub"), root.neuter().serialize());
        assertEquals(v.get("m/86'/0'/0'").get("xprv"), root.derive(KeyPath.parse("m/86'/0'/0'")).serialize());
        assertEquals(v.get("m/86'/0'/0'").get("xpub"), root.derive(KeyPath.parse("m/86'/0'/0'")).neuter().serialize());

        Descriptor receive = DescriptorParser.parse("tr(" + root.serialize() + "/86h/0h/0h/0/*)", true, false);
        Descriptor change = DescriptorParser.parse("tr(" + root.serialize() + "/86h/0h/0h/1/*)", true, false);
        List<Object[]> cases = List.of(
                new Object[] {"m/86'/0'/0'/0/0", receive, 0}, new Object[] {"m/86'/0'/0'/0/1", receive, 1},
                new Object[] {"m/86'/0'/0'/1/0", change, 0});
        for (Object[] c : cases) {
            Map<String, String> expected = v.get((String) c[0]);
            ExtendedKey key = root.derive(KeyPath.parse((String) c[0]));
            assertEquals(expected.get("xprv"), key.serialize());
            assertEquals(expected.get("xpub"), key.neuter().serialize());
            assertEquals(expected.get("internal_key"), HEX.formatHex(EcKeys.xOnly(key.point())));
            assertEquals(expected.get("output_key"), HEX.formatHex(EcKeys.xOnly(Descriptor.taprootOutputKey(key.point()))));
            Script script = ((Descriptor) c[1]).scriptAt((Integer) c[2]);
            assertEquals(expected.get("scriptPubKey"), script.toHex(), (String) c[0]);
            assertEquals(expected.get("address"), address(script), (String) c[0]);
        }
    }

    @Test
    void newWalletDescriptorsMatchCoresForTheSameMasterKey() {
        // Core's wallet_listdescriptors.py: this tprv with 84h/1h/0h lists as [80002067/84h/1h/0h]tpubDCMVL...
        ExtendedKey master = ExtendedKey.parse("tprv8ZgxMBicQKsPeuVhWwi6wuMQGfPKi9Li5GtX35jVNknACgqe3CY4g5xgkfDDJcmtF7o1QnxWDRYw4H5P26PXq7sbcUkEqeR4fg3Kxp2tigg");
        List<DefaultDescriptors.Entry> entries = DefaultDescriptors.forMaster(master);
        assertEquals(8, entries.size());
        assertEquals(List.of("legacy", "legacy", "p2sh-segwit", "p2sh-segwit", "bech32", "bech32", "bech32m", "bech32m"),
                entries.stream().map(DefaultDescriptors.Entry::outputType).toList());
        String wpkhReceive = "wpkh([80002067/84h/1h/0h]tpubDCMVLhErorrAGfApiJSJzEKwqeaf2z3NrkVMxgYQjZLzMjXMBeRw2muGNYbvaekAE8rUFLftyEar4LdrG2wXyyTJQZ26zptmeTEjPTaATts/0/*)";
        assertEquals(DescriptorChecksum.append(wpkhReceive), entries.get(4).descriptor().toString());
        assertTrue(entries.get(5).internal());
        assertTrue(entries.get(5).descriptor().toString().startsWith("wpkh([80002067/84h/1h/0h]tpubDCMVL"));
        assertTrue(entries.get(5).descriptor().toString().contains("/1/*)#"));
        assertTrue(entries.get(0).descriptor().toString().startsWith("pkh([80002067/44h/1h/0h]tpub"));
        assertTrue(entries.get(2).descriptor().toString().startsWith("sh(wpkh([80002067/49h/1h/0h]tpub"));
        assertTrue(entries.get(6).descriptor().toString().startsWith("tr([80002067/86h/1h/0h]tpub"));
        String regtestAddress = Address.fromScript(entries.get(4).descriptor().scriptAt(0), ChainParams.of(ChainType.REGTEST)).orElseThrow();
        assertTrue(regtestAddress.startsWith("bcrt1q"), regtestAddress);
        assertTrue(Address.fromScript(entries.get(6).descriptor().scriptAt(0), ChainParams.of(ChainType.REGTEST)).orElseThrow()
                .startsWith("bcrt1p"));
    }
}
