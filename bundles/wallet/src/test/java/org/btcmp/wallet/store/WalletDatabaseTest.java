package org.btcmp.wallet.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.btcmp.wallet.store.WalletFileException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletDatabaseTest {
    @TempDir
    Path dir;

    private Path walletDir() {
        return dir.resolve("wallets").resolve("w");
    }

    private static WalletFileException refused(Reason reason, Path walletDir) {
        WalletFileException e = assertThrows(WalletFileException.class, () -> WalletDatabase.open(walletDir).close());
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(WalletPaths.walletFile(walletDir).toString()), e.getMessage());
        return e;
    }

    @Test
    void createdFileReopensWithItsData() {
        try (WalletDatabase db = WalletDatabase.create(walletDir())) {
            db.write(c -> {
                MetaRecords.putString(c, "k", "v");
                return null;
            });
        }
        try (WalletDatabase db = WalletDatabase.open(walletDir())) {
            assertEquals(Optional.of("v"), db.read(c -> MetaRecords.getString(c, "k")));
        }
        assertEquals(Reason.ALREADY_EXISTS,
                assertThrows(WalletFileException.class, () -> WalletDatabase.create(walletDir())).reason());
        assertEquals(Reason.NOT_FOUND,
                assertThrows(WalletFileException.class, () -> WalletDatabase.open(dir.resolve("none"))).reason());
    }

    @Test
    void anEmptyDatabaseLeftByAnInterruptedCreateIsReused() throws Exception {
        Files.createDirectories(walletDir());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + WalletPaths.walletFile(walletDir()));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL"); // what a kill right after switching to WAL leaves
        }
        try (WalletDatabase db = WalletDatabase.create(walletDir(), c -> {
            MetaRecords.putString(c, "k", "v");
            return null;
        })) {
            assertEquals(Optional.of("v"), db.read(c -> MetaRecords.getString(c, "k")));
        }
    }

    @Test
    void aFailingInitializerLeavesNoFile() {
        assertThrows(IllegalStateException.class, () -> WalletDatabase.create(walletDir(), c -> {
            MetaRecords.putString(c, "k", "v");
            throw new IllegalStateException("initial content cannot be made");
        }));
        assertTrue(!Files.exists(WalletPaths.walletFile(walletDir())));
    }

    @Test
    void aFailedWriteKeepsNothingOfIt() {
        try (WalletDatabase db = WalletDatabase.create(walletDir())) {
            assertThrows(IllegalStateException.class, () -> db.write(c -> {
                MetaRecords.putString(c, "half", "done");
                throw new IllegalStateException("fails after the first insert");
            }));
            assertEquals(Optional.empty(), db.read(c -> MetaRecords.getString(c, "half")));
            db.write(c -> {
                MetaRecords.putString(c, "next", "works");
                return null;
            });
            assertEquals(Optional.of("works"), db.read(c -> MetaRecords.getString(c, "next")));
        }
    }

    @Test
    void aSecondConnectionInThisProcessIsRefusedUntilClose() {
        try (WalletDatabase held = WalletDatabase.create(walletDir())) {
            WalletFileException e = refused(Reason.LOCKED, walletDir());
            assertTrue(e.getMessage().contains("exclusive lock"), e.getMessage());
        }
        WalletDatabase.open(walletDir()).close();
    }

    @Test
    void aWalletHeldByAnotherProcessIsRefused() throws Exception {
        WalletDatabase.create(walletDir()).close();
        Process child = ChildJvm.start(dir.resolve("child.err"), HoldWalletMain.class, walletDir().toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("HELD"), "child said " + line);
            refused(Reason.LOCKED, walletDir());
            child.getOutputStream().close();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        } finally {
            child.toHandle().destroyForcibly();
        }
        WalletDatabase.open(walletDir()).close();
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftUntouched() throws IOException {
        Files.createDirectories(walletDir());
        byte[] junk = "this is not an SQLite database, but a user's precious file".repeat(100)
                .getBytes(StandardCharsets.UTF_8);
        Files.write(WalletPaths.walletFile(walletDir()), junk);
        refused(Reason.CORRUPT, walletDir());
        assertArrayEquals(junk, Files.readAllBytes(WalletPaths.walletFile(walletDir())));
    }

    @Test
    void aDamagedWalletIsRefusedAndLeftUntouched() throws Exception {
        try (WalletDatabase db = WalletDatabase.create(walletDir())) {
            db.write(c -> {
                for (int i = 0; i < 2000; i++) {
                    MetaRecords.putString(c, "key number " + i, "value number " + i);
                }
                return null;
            });
        }
        Path file = WalletPaths.walletFile(walletDir());
        assertTrue(Files.size(file) > 8 * 4096, "size " + Files.size(file));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[64];
            java.util.Arrays.fill(garbage, (byte) 0x55);
            raf.seek(5 * 4096); // the header of a b-tree page of the meta table
            raf.write(garbage);
        }
        byte[] before = Files.readAllBytes(file);
        refused(Reason.CORRUPT, walletDir());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void anotherApplicationsDatabaseIsRefusedAndLeftUntouched() throws Exception {
        Files.createDirectories(walletDir());
        Path file = WalletPaths.walletFile(walletDir());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE main (key BLOB PRIMARY KEY, value BLOB)");
            s.execute("PRAGMA application_id = 1234");
        }
        byte[] before = Files.readAllBytes(file);
        assertTrue(refused(Reason.NOT_A_WALLET, walletDir()).getMessage().contains("not a btcmp wallet"));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aWalletFromANewerSchemaIsRefusedAndLeftUntouched() throws Exception {
        WalletDatabase.create(walletDir()).close();
        Path file = WalletPaths.walletFile(walletDir());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Schema.VERSION + 1));
        }
        byte[] before = Files.readAllBytes(file);
        refused(Reason.TOO_NEW, walletDir());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void theFileIsInWalModeAfterCreation() throws SQLException {
        WalletDatabase.create(walletDir()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + WalletPaths.walletFile(walletDir()));
                Statement s = c.createStatement(); var r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertEquals("wal", r.getString(1));
        }
    }

    @Test
    void listWalletsFindsSqliteWalletFilesAtAnyDepth() throws IOException {
        Path wallets = dir.resolve("regtest").resolve("wallets");
        assertEquals(java.util.List.of(), WalletPaths.listWallets(wallets), "no directory yet");
        WalletDatabase.create(WalletPaths.walletDir(wallets, "alice")).close();
        WalletDatabase.create(WalletPaths.walletDir(wallets, "team/bob")).close();
        WalletDatabase.create(WalletPaths.walletDir(wallets, "")).close();
        Files.createDirectories(wallets.resolve("notawallet"));
        Files.writeString(wallets.resolve("notawallet").resolve(WalletPaths.FILE_NAME), "plain text");
        Files.createDirectories(wallets.resolve("empty"));
        assertEquals(java.util.List.of("", "alice", "team/bob"), WalletPaths.listWallets(wallets));
    }

    @Test
    void walletNamesStayInsideTheWalletsDirectory() {
        Path wallets = dir.resolve("regtest").resolve("wallets");
        assertEquals(wallets.resolve("alice").toAbsolutePath(), WalletPaths.walletDir(wallets, "alice"));
        assertEquals(wallets.toAbsolutePath(), WalletPaths.walletDir(wallets, ""));
        for (String bad : new String[] {"../escape", "/etc", "a/../../b", "."}) {
            assertEquals(Reason.BAD_NAME,
                    assertThrows(WalletFileException.class, () -> WalletPaths.walletDir(wallets, bad)).reason(), bad);
        }
    }
}
