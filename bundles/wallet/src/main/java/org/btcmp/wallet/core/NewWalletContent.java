package org.btcmp.wallet.core;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.btcmp.common.args.ChainType;
import org.btcmp.wallet.descriptor.DefaultDescriptors;
import org.btcmp.wallet.descriptor.Descriptor;
import org.btcmp.wallet.keys.Bip39;
import org.btcmp.wallet.keys.ExtendedKey;
import org.btcmp.wallet.store.DescriptorRecords;
import org.btcmp.wallet.store.MetaRecords;
import org.btcmp.wallet.store.ScriptRecords;
import org.btcmp.wallet.store.SecretRecords;

/**
 * Everything a new wallet's file starts with, worked out before the file exists (key derivation,
 * the first keypool, sealing), so that creating the file is one short transaction.
 */
final class NewWalletContent {
    static final String META_NETWORK = "network";
    static final String META_CREATED = "created";
    static final String SECRET_MNEMONIC = "mnemonic";
    static final String DESCRIPTOR_SECRET_PREFIX = "descriptor:";
    /** Core's persistent wallet flags (WALLET_FLAG_*), as a decimal number. */
    static final String META_FLAGS = "flags";

    private final WalletOptions options;
    private final long created;
    private final List<DescriptorRecords.Row> rows = new ArrayList<>();
    private final Map<String, Descriptor> descriptors = new LinkedHashMap<>();
    private final Map<String, List<byte[]>> keypool = new LinkedHashMap<>();
    private final Map<String, SecretRecords.Stored> secrets = new LinkedHashMap<>();
    private final Optional<byte[]> sealedMasterKey;
    private final long flags;

    private NewWalletContent(WalletOptions options, WalletOptions.Seed seed) {
        this.options = options;
        this.created = options.clock().instant().getEpochSecond();
        this.flags = seed.flags();
        if ((flags & WalletOptions.Seed.FLAG_DISABLE_PRIVATE_KEYS) != 0 && !seed.blank()) {
            throw new IllegalArgumentException("a wallet without private keys has no seed: use Seed.watchOnly()");
        }
        String mnemonic = seed.mnemonic().orElseGet(NewWalletContent::randomMnemonic);
        try {
            Bip39.toEntropy(mnemonic);
        } catch (IllegalArgumentException e) {
            throw new WalletError(WalletError.INVALID_PARAMETER, e.getMessage());
        }
        seed.walletPassphrase().ifPresent(WalletEncryption::checkNewPassphrase);
        ExtendedKey master = ExtendedKey.fromSeed(Bip39.toSeed(mnemonic, seed.mnemonicPassphrase()),
                options.network() == ChainType.MAIN);

        Map<String, byte[]> plain = new LinkedHashMap<>();
        if (!seed.blank()) {
            plain.put(SECRET_MNEMONIC, (mnemonic + "\n" + seed.mnemonicPassphrase()).getBytes(StandardCharsets.UTF_8));
        }
        for (DefaultDescriptors.Entry e : seed.blank() ? List.<DefaultDescriptors.Entry>of()
                : DefaultDescriptors.forMaster(master)) {
            String id = DescriptorWallet.idOf(e.descriptor());
            rows.add(new DescriptorRecords.Row(id, e.descriptor().toString(), e.outputType(), e.internal(), true,
                    0, options.keypoolSize(), created));
            descriptors.put(id, e.descriptor());
            List<byte[]> scripts = new ArrayList<>();
            for (int i = 0; i < options.keypoolSize(); i++) {
                scripts.add(e.descriptor().scriptAt(i).bytes());
            }
            keypool.put(id, scripts);
            plain.put(DESCRIPTOR_SECRET_PREFIX + id, e.descriptor().toPrivateString().getBytes(StandardCharsets.UTF_8));
        }
        Optional<byte[]> masterKey = seed.walletPassphrase().map(p -> WalletEncryption.newMasterKey());
        sealedMasterKey = seed.walletPassphrase().map(p -> WalletEncryption.seal(masterKey.get(), p));
        for (var s : plain.entrySet()) {
            secrets.put(s.getKey(), masterKey.isPresent()
                    ? new SecretRecords.Stored(MasterKeyCrypter.encryptSecret(masterKey.get(), s.getKey(), s.getValue()), true)
                    : new SecretRecords.Stored(s.getValue(), false));
        }
    }

    static NewWalletContent plan(WalletOptions options, WalletOptions.Seed seed) {
        return new NewWalletContent(options, seed);
    }

    Map<String, Descriptor> descriptors() {
        return descriptors;
    }

    /** Writes it all inside the transaction that creates the file. */
    Void write(Connection c) throws SQLException {
        MetaRecords.putString(c, META_NETWORK, options.network().chainName());
        MetaRecords.putString(c, META_CREATED, Long.toString(created));
        MetaRecords.putString(c, META_FLAGS, Long.toString(flags));
        for (DescriptorRecords.Row row : rows) {
            DescriptorRecords.insert(c, row);
            List<byte[]> scripts = keypool.get(row.id());
            for (int i = 0; i < scripts.size(); i++) {
                ScriptRecords.insert(c, scripts.get(i), row.id(), i);
            }
        }
        if (sealedMasterKey.isPresent()) {
            MetaRecords.put(c, WalletEncryption.META_MASTER_KEY, sealedMasterKey.get());
        }
        for (var s : secrets.entrySet()) {
            SecretRecords.put(c, s.getKey(), s.getValue().bytes(), s.getValue().encrypted());
        }
        return null;
    }

    private static String randomMnemonic() {
        byte[] entropy = new byte[32];
        new SecureRandom().nextBytes(entropy);
        return Bip39.fromEntropy(entropy);
    }
}
