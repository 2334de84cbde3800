package org.btcmp.wallet.tool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.Hashes;
import org.btcmp.wallet.core.DescriptorWallet;
import org.btcmp.wallet.core.WalletOptions;
import org.btcmp.wallet.store.ChildJvm;
import org.btcmp.wallet.store.HoldWalletMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline wallet tool: create, info, dump, createfromdump; refusals change no file. */
class WalletToolCommandTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run tool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("-regtest", "-datadir=" + dir));
        all.addAll(List.of(args));
        int status = WalletToolCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path walletDir(String name) {
        return dir.resolve("regtest").resolve("wallets").resolve(name);
    }

    @Test
    void createInfoDumpAndCreateFromDumpKeepEveryKey() throws Exception {
        Run created = tool("-wallet=t", "create");
        assertEquals(0, created.status(), created.err());
        assertTrue(created.out().contains("Wallet info\n===========\nName: t\nFormat: sqlite\nDescriptors: yes\n"
                + "Encrypted: no\n"), created.out());
        assertTrue(created.out().contains("Keypool Size: 4000\nTransactions: 0\n"), "1000 for each of 4 receive descriptors: "
                + created.out());
        Run again = tool("-wallet=t", "create");
        assertEquals(1, again.status());
        assertTrue(again.err().contains("Database already exists."), again.err());

        Path dump = dir.resolve("t.dump");
        Run dumped = tool("-wallet=t", "-dumpfile=" + dump, "dump");
        assertEquals(0, dumped.status(), dumped.err());
        String dumpText = Files.readString(dump);
        assertTrue(dumpText.startsWith("BITCOIN_CORE_WALLET_DUMP,1\nformat,sqlite\n"), "Core's header");
        int checksumAt = dumpText.lastIndexOf("checksum,");
        String body = dumpText.substring(0, checksumAt);
        assertEquals("checksum," + HexFormat.of().formatHex(Hashes.sha256d(body.getBytes(StandardCharsets.UTF_8))) + "\n",
                dumpText.substring(checksumAt), "Core's checksum: double SHA-256 of the lines before it");
        for (String line : body.split("\n")) {
            if (!line.startsWith("BITCOIN_CORE_WALLET_DUMP,") && !line.startsWith("format,")) {
                assertTrue(line.matches("([0-9a-f]{2})+,([0-9a-f]{2})+"), "a key,value record in hex: " + line);
            }
        }
        assertEquals(1, tool("-wallet=t", "-dumpfile=" + dump, "dump").status(), "an existing dump file is not overwritten");

        Run restored = tool("-wallet=copy", "-dumpfile=" + dump, "createfromdump");
        assertEquals(0, restored.status(), restored.err());
        assertTrue(restored.out().contains("Name: copy\n"));
        WalletOptions options = WalletOptions.of(ChainType.REGTEST);
        try (DescriptorWallet original = DescriptorWallet.load(walletDir("t"), options);
                DescriptorWallet copy = DescriptorWallet.load(walletDir("copy"), options)) {
            assertEquals(original.mnemonic(), copy.mnemonic());
            assertEquals(original.privateDescriptors(), copy.privateDescriptors());
            assertEquals(original.getNewAddress("bech32", ""), copy.getNewAddress("bech32", ""));
        }

        List<String> lines = new ArrayList<>(Files.readAllLines(dump));
        String row = lines.get(5);
        lines.set(5, row.substring(0, row.length() - 1) + (row.endsWith("0") ? "1" : "0"));
        Path tampered = dir.resolve("tampered.dump");
        Files.write(tampered, lines);
        Run refused = tool("-wallet=bad", "-dumpfile=" + tampered, "createfromdump");
        assertEquals(1, refused.status());
        assertTrue(refused.err().startsWith("Error: Dumpfile checksum does not match. Computed "), refused.err());
        assertFalse(Files.exists(walletDir("bad").resolve("wallet.dat")));

        // Core's own refusals, each leaving no wallet behind
        assertRefused(body.replace("BITCOIN_CORE_WALLET_DUMP,1", "BITCOIN_CORE_WALLET_DUMP,2"), null,
                "Error: Dumpfile version is not supported. This version of bitcoin-wallet only supports version 1"
                        + " dumpfiles. Got dumpfile with version 2");
        assertRefused(body, "", "Error: Missing checksum");
        assertRefused(body, "checksum,abcd\n", "Error: Checksum is not the correct size");
        assertRefused(body + "zz,00\n", null, "Error: Got key that was not hex: zz");
        String coreRecord = "0a62657374626c6f636b5f,00\n"; // Core's "bestblock_" key: a compact-size string
        assertRefused(body + coreRecord, null, "Error: Dumpfile record 0a62657374626c6f636b5f is not one of this"
                + " wallet's (a Bitcoin Core wallet's dump cannot be loaded here)");
    }

    /** A dump of {@code body} and {@code checksumLine} (null: the right one) is refused with {@code error}. */
    private void assertRefused(String body, String checksumLine, String error) throws Exception {
        String checksum = checksumLine != null ? checksumLine
                : "checksum," + HexFormat.of().formatHex(Hashes.sha256d(body.getBytes(StandardCharsets.UTF_8))) + "\n";
        Path file = dir.resolve("refused.dump");
        Files.writeString(file, body + checksum);
        Run refused = tool("-wallet=refused", "-dumpfile=" + file, "createfromdump");
        assertEquals(1, refused.status());
        assertEquals(error, refused.err().strip());
        assertFalse(Files.exists(walletDir("refused").resolve("wallet.dat")));
        Files.delete(file);
    }

    @Test
    void aWalletHeldByARunningProcessIsRefused() throws Exception {
        assertEquals(0, tool("-wallet=held", "create").status());
        Path wallet = walletDir("held").resolve("wallet.dat");
        byte[] before = Files.readAllBytes(wallet);
        Process holder = ChildJvm.start(dir.resolve("holder.log"), HoldWalletMain.class, walletDir("held").toString());
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(line != null && line.startsWith("HELD"), "holder: " + line);
            Run info = tool("-wallet=held", "info");
            assertEquals(1, info.status());
            assertTrue(info.err().contains("exclusive lock"), info.err());
            Run dump = tool("-wallet=held", "-dumpfile=" + dir.resolve("held.dump"), "dump");
            assertEquals(1, dump.status());
            assertFalse(Files.exists(dir.resolve("held.dump")));
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
        }
        assertArrayEquals(before, Files.readAllBytes(wallet));
        assertEquals(0, tool("-wallet=held", "info").status(), "free again once the holder exits");
    }

    @Test
    void commandLineMistakes() {
        Run none = tool("-wallet=x");
        assertEquals(1, none.status());
        assertEquals("No method provided. Run `bitcoin-wallet -help` for valid methods.\n", none.err());
        assertEquals("Invalid command 'explode'\n", tool("explode").err());
        Run bad = tool("-nonsense", "info");
        assertEquals(1, bad.status());
        assertEquals("Error parsing command line arguments: Invalid parameter -nonsense\n", bad.err());
        Run missing = tool("-wallet=ghost", "info");
        assertEquals(1, missing.status());
        assertTrue(missing.err().endsWith("Path does not exist.\n"), missing.err());
        assertEquals("Wallet name must be provided when creating a new wallet.\n", tool("create").err());
        assertEquals(1, tool("-wallet=x", "-dumpfile=" + dir.resolve("d"), "info").status());
        assertTrue(tool("-help").out().contains("createfromdump"));
    }
}
