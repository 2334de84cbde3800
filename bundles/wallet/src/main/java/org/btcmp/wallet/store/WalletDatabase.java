package org.btcmp.wallet.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.btcmp.wallet.store.WalletFileException.Reason;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * One wallet's SQLite file, held exclusively by this object from open to close (as Core does, with
 * SQLite's exclusive locking mode, so a second process or connection is refused instead of sharing it).
 * The file is in WAL mode with full synchronous commits: a write acknowledged by {@link #write} survives
 * a kill -9 of the process. Every write runs in one transaction, all or nothing.
 *
 * <p>Opening checks the file before changing anything: a file that is not SQLite, fails SQLite's
 * integrity check, is not a btcmp wallet, or comes from a newer schema is refused and left untouched.
 */
public final class WalletDatabase implements AutoCloseable {

    /** Work done on the connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection; // guarded by this
    private boolean closed; // guarded by this

    private WalletDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Creates a new wallet file in {@code walletDir} (made if missing) whose schema and first content
     * ({@code initializer}) are committed in one transaction, and holds it. A crash before that commit
     * leaves at most an empty database, which a later create reuses; any other existing file is refused.
     */
    public static WalletDatabase create(Path walletDir, Work<?> initializer) {
        Path file = WalletPaths.walletFile(walletDir);
        boolean existed = Files.exists(file);
        try {
            Files.createDirectories(walletDir);
        } catch (IOException e) {
            throw new WalletFileException(Reason.IO, "Cannot create wallet directory " + walletDir + ": " + e, e);
        }
        Connection c = connect(file, true);
        try {
            holdExclusively(c, file);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e instanceof WalletFileException w ? w : refusal(file, e);
        }
        try {
            if (existed && !isEmptyDatabase(c)) {
                throw new WalletFileException(Reason.ALREADY_EXISTS, "Wallet file " + file + " already exists");
            }
            configure(c);
            c.setAutoCommit(false);
            Schema.create(c);
            initializer.run(c);
            c.commit();
            return new WalletDatabase(file, c);
        } catch (WalletFileException e) {
            closeQuietly(c);
            throw e;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            deleteQuietly(file); // ours, held, and never committed: nothing in it
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new WalletFileException(Reason.IO, "Cannot create wallet file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates a wallet file with the schema only. */
    public static WalletDatabase create(Path walletDir) {
        return create(walletDir, c -> null);
    }

    /** Opens an existing wallet file in {@code walletDir}, checks it, upgrades its schema, and holds it. */
    public static WalletDatabase open(Path walletDir) {
        Path file = WalletPaths.walletFile(walletDir);
        if (!Files.isRegularFile(file)) {
            throw new WalletFileException(Reason.NOT_FOUND, "Wallet file " + file + " not found");
        }
        Connection c = connect(file, false);
        try {
            holdExclusively(c, file);
            verify(c, file);
            configure(c);
            c.setAutoCommit(false);
            Schema.upgrade(c);
            c.commit();
            return new WalletDatabase(file, c);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e instanceof WalletFileException w ? w : refusal(file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one transaction and commits it; on any failure nothing of it is kept. */
    public synchronized <T> T write(Work<T> work) {
        checkOpen();
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new WalletFileException(Reason.IO, "Writing wallet file " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on a consistent view of the file (a transaction that writes nothing). */
    public <T> T read(Work<T> work) {
        return write(work);
    }

    /**
     * Moves everything from the write-ahead log into the main file and truncates the log, so that
     * overwritten data (e.g. plaintext keys after encryption) is gone from both files.
     */
    public synchronized void checkpointAndTruncateLog() {
        checkOpen();
        try {
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } finally {
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            throw new WalletFileException(Reason.IO, "Checkpoint of wallet file " + file + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a consistent copy of the wallet to {@code destination} (Core's backupwallet): first beside
     * it under a temporary name, then moved over it, so a failed backup never leaves a half file there.
     */
    public synchronized void backupTo(Path destination) {
        checkOpen();
        Path target = destination.toAbsolutePath().normalize();
        Path temp = target.resolveSibling(target.getFileName() + ".backup-tmp");
        try {
            Files.deleteIfExists(temp);
            connection.commit();
            connection.setAutoCommit(true);
            try (java.sql.PreparedStatement s = connection.prepareStatement("VACUUM INTO ?")) {
                s.setString(1, temp.toString());
                s.execute();
            } finally {
                connection.setAutoCommit(false);
            }
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | IOException e) {
            deleteQuietly(temp);
            throw new WalletFileException(Reason.IO, "Backup of wallet file " + file + " to " + target + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(connection);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Wallet file " + file + " is closed");
        }
    }

    private static Connection connect(Path file, boolean create) {
        SQLiteConfig config = new SQLiteConfig();
        if (!create) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
        config.setBusyTimeout(0); // a held wallet is refused at once, not after a wait
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            return source.getConnection();
        } catch (SQLException e) {
            throw refusal(file, e);
        }
    }

    /** Takes SQLite's exclusive lock now (kept until close because of the exclusive locking mode). */
    private static void holdExclusively(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            s.execute("COMMIT");
        }
    }

    /** Read-only checks: nothing is written to a file that fails them. */
    private static void verify(Connection c, Path file) throws SQLException {
        int applicationId = pragmaInt(c, "application_id");
        int version = pragmaInt(c, "user_version");
        if (applicationId != Schema.APPLICATION_ID) {
            throw new WalletFileException(Reason.NOT_A_WALLET, String.format(
                    "Wallet file %s is not a btcmp wallet (SQLite application id %08x, expected %08x); it was left untouched",
                    file, applicationId, Schema.APPLICATION_ID));
        }
        if (version > Schema.VERSION) {
            throw new WalletFileException(Reason.TOO_NEW, "Wallet file " + file + " has schema version " + version
                    + ", newer than this software's " + Schema.VERSION + "; it was left untouched");
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            String first = r.next() ? r.getString(1) : "no result";
            if (!"ok".equals(first)) {
                throw new WalletFileException(Reason.CORRUPT,
                        "Wallet file " + file + " is corrupt (" + first + "); it was left untouched");
            }
        }
    }

    private static void configure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA secure_delete = ON"); // deleted or overwritten key material is zeroed
        }
    }

    /** A database with no tables and no btcmp marks: what an interrupted create leaves behind. */
    private static boolean isEmptyDatabase(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
            r.next();
            return r.getInt(1) == 0 && pragmaInt(c, "application_id") == 0 && pragmaInt(c, "user_version") == 0;
        }
    }

    private static int pragmaInt(Connection c, String pragma) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + pragma)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static WalletFileException refusal(Path file, Exception e) {
        String code = e instanceof SQLiteException s ? s.getResultCode().name() : "";
        if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
            return new WalletFileException(Reason.LOCKED, "Unable to obtain an exclusive lock on wallet file " + file
                    + ", is it being used by another instance of bitcoin-wallet or bitcoin-node?", e);
        }
        if (code.startsWith("SQLITE_NOTADB") || code.startsWith("SQLITE_CORRUPT")) {
            return new WalletFileException(Reason.CORRUPT, "Wallet file " + file + " is corrupt or not a wallet ("
                    + e.getMessage() + "); it was left untouched", e);
        }
        return new WalletFileException(Reason.IO, "Cannot open wallet file " + file + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure: the first failure is what the caller hears about
        }
    }

    private static void deleteQuietly(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException ignored) {
                // a half-made file of a failed create; nothing was in it
            }
        }
    }
}
