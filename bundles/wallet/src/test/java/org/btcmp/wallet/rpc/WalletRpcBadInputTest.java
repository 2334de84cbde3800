package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through RPC gets Core's code and message and changes nothing: passphrases, a locked
 * wallet, insufficient funds, bad addresses and amounts, unknown and duplicate wallets, a corrupt file.
 */
class WalletRpcBadInputTest {
    private static final String W = "/wallet/w";

    @TempDir
    Path dir;
    NodeWithWallets n;

    @BeforeEach
    void start() throws Exception {
        n = new NodeWithWallets(dir, 0);
        n.call("createwallet", "[\"w\"]");
    }

    @AfterEach
    void stop() throws Exception {
        n.close();
    }

    private NodeWithWallets.Failure fails(String path, String method, String params) {
        return assertThrows(NodeWithWallets.Failure.class, () -> n.call(path, method, params));
    }

    private void assertFailure(int code, String message, NodeWithWallets.Failure f) {
        assertEquals(code, f.code, f.getMessage());
        assertEquals(message, f.text());
    }

    @Test
    void passphrasesAndTheLockedWallet() throws Exception {
        String address = (String) n.call(W, "getnewaddress", "[]");
        n.call("generatetoaddress", "[101, \"" + address + "\"]");
        assertFailure(-15, "Error: running with an unencrypted wallet, but walletpassphrase was called.",
                fails(W, "walletpassphrase", "[\"x\", 10]"));
        assertFailure(-8, "passphrase cannot be empty", fails(W, "encryptwallet", "[\"\"]"));
        assertTrue(((String) n.call(W, "encryptwallet", "[\"correct horse\"]")).startsWith("wallet encrypted;"));
        assertFailure(-15, "Error: running with an encrypted wallet, but encryptwallet was called.",
                fails(W, "encryptwallet", "[\"again\"]"));
        assertEquals(0L, ((Map<?, ?>) n.call(W, "getwalletinfo", "[]")).get("unlocked_until"));

        String other = (String) n.call(W, "getnewaddress", "[]"); // a locked wallet still hands out addresses
        String locked = "Error: Please enter the wallet passphrase with walletpassphrase first.";
        assertFailure(-13, locked, fails(W, "sendtoaddress", "{\"address\":\"" + other + "\",\"amount\":1,\"fee_rate\":2}"));
        assertFailure(-13, locked, fails(W, "listdescriptors", "[true]"));
        assertFailure(-14, "Error: The wallet passphrase entered was incorrect.",
                fails(W, "walletpassphrase", "[\"wrong horse\", 60]"));
        assertFailure(-8, "Timeout cannot be negative.", fails(W, "walletpassphrase", "[\"correct horse\", -1]"));
        assertFailure(-14, "Error: The wallet passphrase entered was incorrect.",
                fails(W, "walletpassphrasechange", "[\"wrong horse\", \"new\"]"));
        assertEquals(new BigDecimal("50.00000000"), n.call(W, "getbalance", "[]"), "nothing was spent");

        assertTrue(Json.isNull(n.call(W, "walletpassphrase", "{\"passphrase\":\"correct horse\",\"timeout\":60}")));
        assertTrue((Long) ((Map<?, ?>) n.call(W, "getwalletinfo", "[]")).get("unlocked_until") > 0);
        n.call(W, "sendtoaddress", "{\"address\":\"" + other + "\",\"amount\":1,\"fee_rate\":2}");
        assertTrue(Json.isNull(n.call(W, "walletlock", "[]")));
        assertFailure(-13, locked, fails(W, "sendtoaddress", "{\"address\":\"" + other + "\",\"amount\":1,\"fee_rate\":2}"));
        n.call(W, "walletpassphrasechange", "[\"correct horse\", \"battery staple\"]");
        assertFailure(-14, "Error: The wallet passphrase entered was incorrect.",
                fails(W, "walletpassphrase", "[\"correct horse\", 60]"));
        n.call(W, "walletpassphrase", "[\"battery staple\", 60]");
    }

    @Test
    void fundsAddressesAndAmounts() throws Exception {
        String address = (String) n.call(W, "getnewaddress", "[]");
        n.call("generatetoaddress", "[101, \"" + address + "\"]");
        assertFailure(-6, "Insufficient funds",
                fails(W, "sendtoaddress", "{\"address\":\"" + address + "\",\"amount\":51,\"fee_rate\":2}"));
        assertFailure(-5, "Invalid Bitcoin address: bc1qnotanaddress",
                fails(W, "sendtoaddress", "{\"address\":\"bc1qnotanaddress\",\"amount\":1,\"fee_rate\":2}"));
        String mainnet = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
        assertFailure(-5, "Invalid Bitcoin address: " + mainnet,
                fails(W, "sendtoaddress", "{\"address\":\"" + mainnet + "\",\"amount\":1,\"fee_rate\":2}"));
        assertFailure(-5, "Invalid address", fails(W, "getaddressinfo", "[\"" + mainnet + "\"]"));
        assertFailure(-3, "Amount out of range", fails(W, "sendtoaddress", "[\"" + address + "\", -1]"));
        assertFailure(-3, "Invalid amount", fails(W, "sendtoaddress", "[\"" + address + "\", 0.000000001]"));
        assertFailure(-3, "Invalid amount for send", fails(W, "sendtoaddress", "[\"" + address + "\", 0]"));
        assertFailure(-8, "Invalid estimate_mode parameter, must be one of: \"unset\", \"economical\", \"conservative\"",
                fails(W, "sendtoaddress", "{\"address\":\"" + address + "\",\"amount\":1,\"estimate_mode\":\"fast\"}"));
        assertFailure(-4, "Fee rate (0.050 sat/vB) is lower than the minimum fee rate setting (0.100 sat/vB)",
                fails(W, "sendtoaddress", "{\"address\":\"" + address + "\",\"amount\":1,\"fee_rate\":0.05}"));
        assertFailure(-5, "Invalid or non-wallet transaction id", fails(W, "gettransaction", "[\"" + "ab".repeat(32) + "\"]"));
        assertFailure(-8, "txid must be of length 64 (not 3, for 'abc')", fails(W, "gettransaction", "[\"abc\"]"));
        assertFailure(-8, "Negative count", fails(W, "listtransactions", "[\"*\", -1]"));
        assertEquals(new BigDecimal("50.00000000"), n.call(W, "getbalance", "[]"), "nothing was spent");
        assertEquals(1, ((List<?>) n.call(W, "listunspent", "[]")).size());
    }

    @Test
    void unknownDuplicateAndCorruptWallets() throws Exception {
        Path w = n.walletsDir.resolve("w").toAbsolutePath().normalize();
        assertFailure(-4, "Failed to create database path '" + w + "'. Database already exists.",
                fails("/", "createwallet", "[\"w\"]"));
        assertFailure(-35, "Wallet \"w\" is already loaded.", fails("/", "loadwallet", "[\"w\"]"));
        assertFailure(-18, "Requested wallet does not exist or is not loaded", fails("/", "unloadwallet", "[\"ghost\"]"));
        NodeWithWallets.Failure ghost = fails("/", "loadwallet", "[\"ghost\"]");
        assertEquals(-18, ghost.code);
        assertEquals("Wallet file verification failed. Failed to load database path '"
                + n.walletsDir.resolve("ghost").toAbsolutePath().normalize() + "'. Path does not exist.", ghost.text());
        assertFailure(-4, "descriptors argument must be set to \"true\"; it is no longer possible to create a legacy wallet.",
                fails("/", "createwallet", "{\"wallet_name\":\"legacy\",\"descriptors\":false}"));

        Path broken = n.walletsDir.resolve("broken");
        Files.createDirectories(broken);
        byte[] bytes = ("SQLite format 3\0" + "but damaged beyond this header ".repeat(200)).getBytes();
        Files.write(broken.resolve("wallet.dat"), bytes);
        NodeWithWallets.Failure corrupt = fails("/", "loadwallet", "[\"broken\"]");
        assertTrue(corrupt.code == -18 || corrupt.code == -4, corrupt.getMessage());
        assertTrue(corrupt.text().startsWith("Wallet file verification failed. "), corrupt.text());
        assertTrue(corrupt.text().contains("wallet.dat"), "names the file: " + corrupt.text());
        assertArrayEquals(bytes, Files.readAllBytes(broken.resolve("wallet.dat")), "left untouched");
        assertEquals(List.of("w"), n.call("listwallets", "[]"));
    }
}
