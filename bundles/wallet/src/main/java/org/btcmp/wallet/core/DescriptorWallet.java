package org.btcmp.wallet.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Hashes;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.script.Address;
import org.btcmp.wallet.descriptor.Descriptor;
import org.btcmp.wallet.descriptor.DescriptorParser;
import org.btcmp.wallet.store.AddressBookRecords;
import org.btcmp.wallet.store.DescriptorRecords;
import org.btcmp.wallet.store.MetaRecords;
import org.btcmp.wallet.store.ScriptRecords;
import org.btcmp.wallet.store.SecretRecords;
import org.btcmp.wallet.store.WalletDatabase;
import org.btcmp.wallet.store.WalletFileException;

/**
 * A descriptor wallet on its SQLite file: Core's eight default descriptors (or imported ones), a
 * keypool of derived scripts ahead of the last address handed out, labels, and optional encryption of
 * the private material. Every change is one transaction; what a method returned is on disk.
 *
 * <p>Addresses come from the public descriptors, so a locked wallet still hands them out. An address
 * is handed out at most once, across restarts and crashes: the index advances in the same transaction
 * that returns it.
 */
public final class DescriptorWallet implements AutoCloseable {
    private static final String META_NETWORK = NewWalletContent.META_NETWORK;
    private static final String SECRET_MNEMONIC = NewWalletContent.SECRET_MNEMONIC;
    private static final String DESCRIPTOR_SECRET_PREFIX = NewWalletContent.DESCRIPTOR_SECRET_PREFIX;

    private final WalletDatabase db;
    private final WalletOptions options;
    private final ChainParams params;
    private final WalletEncryption encryption;
    private final Map<String, Descriptor> parsed = new LinkedHashMap<>(); // id -> public descriptor (guarded by this)
    private volatile long flags; // Core's WALLET_FLAG_* bits kept in the file

    private DescriptorWallet(WalletDatabase db, WalletOptions options) {
        this.db = db;
        this.options = options;
        this.params = ChainParams.of(options.network());
        this.encryption = new WalletEncryption(db, options.clock());
    }

    /** Creates a new wallet in {@code walletDir} with Core's default descriptors from {@code seed}. */
    public static DescriptorWallet create(Path walletDir, WalletOptions options, WalletOptions.Seed seed) {
        NewWalletContent content = NewWalletContent.plan(options, seed);
        WalletDatabase db = WalletDatabase.create(walletDir, content::write);
        DescriptorWallet wallet = new DescriptorWallet(db, options);
        wallet.parsed.putAll(content.descriptors());
        wallet.flags = seed.flags();
        return wallet;
    }

    /** Loads an existing wallet; refuses a file of another network, held by another process, or damaged. */
    public static DescriptorWallet load(Path walletDir, WalletOptions options) {
        WalletDatabase db = WalletDatabase.open(walletDir);
        try {
            DescriptorWallet wallet = new DescriptorWallet(db, options);
            db.read(c -> {
                String network = MetaRecords.getString(c, META_NETWORK).orElse("?");
                if (!network.equals(options.network().chainName())) {
                    throw new WalletFileException(WalletFileException.Reason.NOT_A_WALLET, "Wallet file " + db.file()
                            + " is for network '" + network + "', not '" + options.network().chainName() + "'");
                }
                wallet.flags = MetaRecords.getString(c, NewWalletContent.META_FLAGS).map(Long::parseLong).orElse(0L);
                for (DescriptorRecords.Row row : DescriptorRecords.all(c)) {
                    wallet.parsed.put(row.id(), DescriptorParser.parse(row.descriptor(),
                            options.network() == ChainType.MAIN, true));
                }
                return null;
            });
            return wallet;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Whether the wallet may hold private keys (false: Core's disable_private_keys, a watch-only wallet). */
    public boolean hasPrivateKeys() {
        return (flags & WalletOptions.Seed.FLAG_DISABLE_PRIVATE_KEYS) == 0;
    }

    /** Core's avoid_reuse flag: coins on addresses already spent from are kept out of sends. */
    public boolean avoidsReuse() {
        return (flags & WalletOptions.Seed.FLAG_AVOID_REUSE) != 0;
    }

    /** Sets or clears Core's avoid_reuse flag (setwalletflag), in the file. */
    public synchronized void setAvoidReuse(boolean on) {
        long updated = on ? flags | WalletOptions.Seed.FLAG_AVOID_REUSE : flags & ~WalletOptions.Seed.FLAG_AVOID_REUSE;
        db.write(c -> {
            MetaRecords.putString(c, NewWalletContent.META_FLAGS, Long.toString(updated));
            return null;
        });
        flags = updated;
    }

    /** Whether the wallet holds the private key of one of its scripts (false for watch-only descriptors). */
    public synchronized boolean canSign(byte[] script) {
        Optional<ScriptRecords.Row> row = db.read(c -> ScriptRecords.find(c, script));
        return row.isPresent() && db.read(c -> SecretRecords.exists(c, DESCRIPTOR_SECRET_PREFIX + row.get().descriptorId()));
    }

    /**
     * A new receiving address of {@code outputType} ("legacy", "p2sh-segwit", "bech32", "bech32m"),
     * labelled; never one handed out before.
     */
    public synchronized String getNewAddress(String outputType, String label) {
        String id = activeDescriptor(outputType, false);
        return db.write(c -> {
            String address = handOut(c, id);
            AddressBookRecords.put(c, new AddressBookRecords.Entry(address, label, "receive"));
            return address;
        });
    }

    /** A new change address of {@code outputType} (Core's getrawchangeaddress). */
    public synchronized String getRawChangeAddress(String outputType) {
        String id = activeDescriptor(outputType, true);
        return db.write(c -> handOut(c, id));
    }

    /**
     * Records that a transaction paid {@code script}: marks it used and, if it lies beyond the last
     * address handed out (another wallet with the same seed used it), moves past it and tops up the
     * keypool behind it (gap handling). Returns false when the script is not the wallet's.
     */
    public synchronized boolean markUsed(Script script) {
        return db.write(c -> recordUse(c, script.bytes()).isPresent());
    }

    /**
     * {@link #markUsed} inside the caller's transaction; returns whether the script belongs to an
     * internal (change) descriptor, or empty when it is not the wallet's.
     */
    synchronized Optional<Boolean> recordUse(Connection c, byte[] script) throws SQLException {
        Optional<ScriptRecords.Row> row = ScriptRecords.find(c, script);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        ScriptRecords.markUsed(c, script);
        DescriptorRecords.Row d = DescriptorRecords.get(c, row.get().descriptorId());
        if (row.get().index() >= d.nextIndex()) {
            topUp(c, d.id(), row.get().index() + 1, d.rangeEnd());
        }
        return Optional.of(d.internal());
    }

    /**
     * The private key (32 bytes) behind one of the wallet's scripts, for signing; needs the wallet
     * unlocked when it is encrypted.
     */
    synchronized byte[] secretKeyFor(byte[] script) {
        ScriptRecords.Row row = db.read(c -> ScriptRecords.find(c, script)).orElseThrow(() -> new WalletError(
                WalletError.WALLET_ERROR, "Script " + HexFormat.of().formatHex(script) + " is not the wallet's"));
        String text = new String(secret(DESCRIPTOR_SECRET_PREFIX + row.descriptorId()), StandardCharsets.UTF_8);
        Descriptor d = DescriptorParser.parse(text, options.network() == ChainType.MAIN, true);
        return d.key().at(row.index()).secret().orElseThrow(() -> new WalletError(WalletError.WALLET_ERROR,
                "The descriptor of script " + HexFormat.of().formatHex(script) + " has no private key"));
    }

    /** The wallet file, for the parts of the wallet (sync, spending) that keep their own tables in it. */
    WalletDatabase database() {
        return db;
    }

    ChainParams params() {
        return params;
    }

    public WalletOptions options() {
        return options;
    }

    /**
     * The earliest creation time of the wallet's descriptors (seconds), or of the wallet when it has
     * none (blank): where a rescan must begin.
     */
    synchronized long birthday() {
        return db.read(c -> {
            long created = MetaRecords.getString(c, NewWalletContent.META_CREATED).map(Long::parseLong).orElse(0L);
            return DescriptorRecords.all(c).stream().mapToLong(DescriptorRecords.Row::created).min().orElse(created);
        });
    }

    /**
     * Imports one descriptor with its private keys (one request of Core's importdescriptors), in one
     * transaction: scripts for indexes 0 to {@code rangeEnd} (ranged descriptors) plus the keypool
     * beyond the next index. An active import replaces the active descriptor of its type and role.
     * The private text is stored encrypted when the wallet is (so the wallet must be unlocked).
     *
     * @throws WalletError with Core's codes for a bad descriptor (-5), missing private keys (-4),
     *     a locked wallet (-13), or contradicting options (-8)
     */
    public synchronized void importDescriptor(String text, boolean active, boolean internal, int rangeEnd, String label) {
        Descriptor d;
        try {
            d = DescriptorParser.parse(text, options.network() == ChainType.MAIN, true);
        } catch (IllegalArgumentException e) {
            throw new WalletError(WalletError.INVALID_ADDRESS_OR_KEY, e.getMessage());
        }
        boolean watchOnly = !hasPrivateKeys();
        if (watchOnly && d.key().hasPrivateKey()) {
            throw new WalletError(WalletError.WALLET_ERROR,
                    "Cannot import private keys to a wallet with private keys disabled");
        }
        if (!watchOnly && !d.key().hasPrivateKey()) {
            throw new WalletError(WalletError.WALLET_ERROR,
                    "Cannot import descriptor without private keys to a wallet with private keys enabled");
        }
        if (active && !d.isRange()) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "Active descriptors must be ranged");
        }
        if (active && d.outputType().isEmpty()) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "pk() descriptors have no address type and cannot be active");
        }
        if (d.isRange() && !label.isEmpty()) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "Ranged descriptors should not have a label");
        }
        if (d.isRange() && rangeEnd < 0) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "Range should be greater or equal than 0");
        }
        String id = idOf(d);
        String secretName = DESCRIPTOR_SECRET_PREFIX + id;
        Optional<SecretRecords.Stored> stored = watchOnly ? Optional.empty()
                : Optional.of(encryption.protect(secretName, d.toPrivateString().getBytes(StandardCharsets.UTF_8)));
        long now = options.clock().instant().getEpochSecond();
        Optional<String> labelled = label.isEmpty() ? Optional.empty() : Address.fromScript(d.scriptAt(0), params);
        db.write(c -> {
            Optional<DescriptorRecords.Row> existing = DescriptorRecords.find(c, id);
            if (existing.isEmpty()) {
                DescriptorRecords.insert(c, new DescriptorRecords.Row(id, d.toString(), d.outputType().orElse(null),
                        internal, false, 0, 0, now));
            }
            if (active) {
                DescriptorRecords.deactivate(c, d.outputType().get(), internal);
            }
            DescriptorRecords.setRole(c, id, active, internal);
            if (stored.isPresent()) {
                SecretRecords.put(c, secretName, stored.get().bytes(), stored.get().encrypted());
            }
            parsed.put(id, d); // a parse cache by id: harmless if this transaction rolls back
            DescriptorRecords.Row row = DescriptorRecords.get(c, id);
            int derived = deriveUpTo(c, id, row.rangeEnd(), d.isRange() ? rangeEnd + 1 : 1);
            topUp(c, id, row.nextIndex(), derived);
            if (labelled.isPresent()) {
                AddressBookRecords.put(c, new AddressBookRecords.Entry(labelled.get(), label, "receive"));
            }
            return null;
        });
    }

    /** The key behind a wallet script and its BIP32 origin: master fingerprint and path (for PSBT derivations). */
    public record KeyOriginInfo(byte[] pubkey, int fingerprint, List<Integer> path) {
    }

    /** The key and origin of one of the wallet's single-key scripts; empty when not the wallet's or of unknown origin. */
    public synchronized Optional<KeyOriginInfo> keyOrigin(Script script) {
        Optional<ScriptRecords.Row> row = db.read(c -> ScriptRecords.find(c, script.bytes()));
        if (row.isEmpty() || !parsed.containsKey(row.get().descriptorId())) {
            return Optional.empty();
        }
        var key = parsed.get(row.get().descriptorId()).key().at(row.get().index());
        return key.origin().map(o -> new KeyOriginInfo(key.encoded(), o.fingerprint(), o.path().steps()));
    }

    /** Where a script of this wallet comes from, or empty when it is not the wallet's. */
    public synchronized Optional<ScriptRecords.Row> findScript(Script script) {
        return db.read(c -> ScriptRecords.find(c, script.bytes()));
    }

    public synchronized Optional<AddressBookRecords.Entry> addressBookEntry(String address) {
        return db.read(c -> AddressBookRecords.get(c, address));
    }

    /** The descriptor rows (public text, indexes) in creation order. */
    public synchronized List<DescriptorRecords.Row> descriptors() {
        return db.read(DescriptorRecords::all);
    }

    /**
     * The descriptors' text with private keys (listdescriptors true); needs the wallet unlocked when
     * encrypted.
     */
    public synchronized List<String> privateDescriptors() {
        List<String> out = new ArrayList<>();
        for (DescriptorRecords.Row row : descriptors()) {
            out.add(new String(secret(DESCRIPTOR_SECRET_PREFIX + row.id()), StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * Core's listdescriptors: every descriptor, sorted by its text, public or (needing the wallet
     * unlocked when encrypted) with private keys.
     */
    public synchronized List<ListedDescriptor> listDescriptors(boolean withPrivateKeys) {
        List<ListedDescriptor> out = new ArrayList<>();
        for (DescriptorRecords.Row row : descriptors()) {
            String text = withPrivateKeys
                    ? new String(secret(DESCRIPTOR_SECRET_PREFIX + row.id()), StandardCharsets.UTF_8) : row.descriptor();
            boolean ranged = parsed.get(row.id()).isRange();
            out.add(new ListedDescriptor(text, row.created(), row.active(),
                    row.active() ? Optional.of(row.internal()) : Optional.empty(),
                    ranged ? Optional.of(new int[] {0, row.rangeEnd() - 1}) : Optional.empty(),
                    ranged ? Optional.of(row.nextIndex()) : Optional.empty()));
        }
        out.sort(java.util.Comparator.comparing(ListedDescriptor::desc));
        return out;
    }

    /** The BIP39 words this wallet was made from (needs the wallet unlocked when encrypted). */
    public synchronized String mnemonic() {
        String stored = new String(secret(SECRET_MNEMONIC), StandardCharsets.UTF_8);
        return stored.substring(0, stored.indexOf('\n'));
    }

    public synchronized boolean isEncrypted() {
        return encryption.isEncrypted();
    }

    /** When the wallet relocks, or empty when it is locked (or not encrypted). */
    public Optional<java.time.Instant> unlockedUntil() {
        return encryption.unlockedUntil();
    }

    /**
     * Encrypts every private secret under a new master key sealed with {@code passphrase} (Core's
     * encryptwallet), in one transaction; then purges the old plaintext from the file and its log. The
     * wallet is locked afterwards.
     */
    public synchronized void encrypt(String passphrase) {
        encryption.encrypt(passphrase);
    }

    /** Core's walletpassphrase: unlocks for {@code timeout} (capped as Core caps it). */
    public synchronized void unlock(String passphrase, Duration timeout) {
        encryption.unlock(passphrase, timeout);
    }

    /** Core's walletlock. */
    public synchronized void lock() {
        encryption.lock();
    }

    /** Core's walletpassphrasechange: reseals the master key; the secrets themselves are unchanged. */
    public synchronized void changePassphrase(String oldPassphrase, String newPassphrase) {
        encryption.changePassphrase(oldPassphrase, newPassphrase);
    }

    /** Core's backupwallet: a consistent copy of the wallet file at {@code destination}. */
    public synchronized void backup(Path destination) {
        db.backupTo(destination);
    }

    public Path file() {
        return db.file();
    }

    @Override
    public synchronized void close() {
        encryption.forget();
        db.close();
    }

    // --- internals -------------------------------------------------------------------------------

    private String activeDescriptor(String outputType, boolean internal) {
        return db.read(c -> {
            for (DescriptorRecords.Row row : DescriptorRecords.all(c)) {
                if (row.active() && row.internal() == internal && outputType.equals(row.outputType())) {
                    return row.id();
                }
            }
            throw new WalletError(WalletError.KEYPOOL_RAN_OUT, "Error: No " + outputType + " addresses available.");
        });
    }

    /** Hands out the next index of a descriptor inside the caller's transaction. */
    private String handOut(Connection c, String id) throws SQLException {
        DescriptorRecords.Row row = DescriptorRecords.get(c, id);
        int index = row.nextIndex();
        topUp(c, id, index + 1, row.rangeEnd());
        byte[] script = ScriptRecords.at(c, id, index).orElseThrow(
                () -> new SQLException("keypool script " + index + " of " + id + " is missing"));
        return Address.fromScript(Script.of(script), params).orElseThrow(
                () -> new WalletError(WalletError.WALLET_ERROR, "descriptor " + row.descriptor() + " has no address form"));
    }

    /** Sets next_index and derives scripts so that {@code keypoolSize} unused ones lie beyond it. */
    private void topUp(Connection c, String id, int nextIndex, int rangeEnd) throws SQLException {
        int target = parsed.get(id).isRange() ? nextIndex + options.keypoolSize() : 1;
        DescriptorRecords.setIndexes(c, id, nextIndex, deriveUpTo(c, id, rangeEnd, target));
    }

    /** Derives and stores the scripts of indexes [from, to); returns the new end of the derived range. */
    private int deriveUpTo(Connection c, String id, int from, int to) throws SQLException {
        Descriptor d = parsed.get(id);
        int end = from;
        for (; end < to; end++) {
            ScriptRecords.insert(c, d.scriptAt(end).bytes(), id, end);
        }
        return end;
    }

    private byte[] secret(String name) {
        return encryption.reveal(name);
    }

    /** A descriptor's id: SHA-256 of its public text (as Core's DescriptorID, over the same string). */
    static String idOf(Descriptor d) {
        return HexFormat.of().formatHex(Hashes.sha256(d.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
