package org.btcmp.wallet.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which wallet a request reaches: /wallet/<name>, the only loaded one, or Core's -18/-19 refusals. */
class WalletRpcRoutingTest {
    @TempDir
    Path dir;
    NodeWithWallets n;

    @BeforeEach
    void start() throws Exception {
        n = new NodeWithWallets(dir, 0);
    }

    @AfterEach
    void stop() throws Exception {
        n.close();
    }

    @Test
    void requestsReachTheNamedWalletOrTheOnlyOne() throws Exception {
        NodeWithWallets.Failure none = assertThrows(NodeWithWallets.Failure.class, () -> n.call("getbalance", "[]"));
        assertEquals(-18, none.code);
        assertEquals("No wallet is loaded. Load a wallet using loadwallet or create a new one with createwallet."
                + " (Note: A default wallet is no longer automatically created)", none.text());

        assertEquals(Map.of("name", "alpha"), n.call("createwallet", "{\"wallet_name\":\"alpha\"}"));
        assertEquals(new BigDecimal("0.00000000"), n.call("getbalance", "[]"), "the only wallet answers at /");
        String address = (String) n.call("getnewaddress", "[]");
        assertTrue(address.startsWith("bcrt1q"), address);

        n.call("createwallet", "[\"my wallet\"]");
        NodeWithWallets.Failure which = assertThrows(NodeWithWallets.Failure.class, () -> n.call("getbalance", "[]"));
        assertEquals(-19, which.code);
        assertEquals("Wallet file not specified (must request wallet RPC through /wallet/<filename> uri-path).", which.text());

        Map<?, ?> info = (Map<?, ?>) n.call("/wallet/my%20wallet", "getwalletinfo", "[]");
        assertEquals("my wallet", info.get("walletname"));
        assertEquals(0L, info.get("txcount"));
        assertEquals(Boolean.TRUE, info.get("descriptors"));
        Map<?, ?> addressInfo = (Map<?, ?>) n.call("/wallet/alpha", "getaddressinfo", "[\"" + address + "\"]");
        assertEquals(true, addressInfo.get("ismine"));
        assertEquals("m/84h/1h/0h/0/0", addressInfo.get("hdkeypath"));
        String desc = (String) addressInfo.get("desc");
        assertTrue(desc.matches("wpkh\\(\\[[0-9a-f]{8}/84h/1h/0h/0/0\\]0[23][0-9a-f]{64}\\)#[a-z0-9]{8}"), desc);
        assertEquals(desc.substring(6, 14), addressInfo.get("hdmasterfingerprint"));
        assertTrue(((String) addressInfo.get("parent_desc")).startsWith("wpkh([" + addressInfo.get("hdmasterfingerprint")));
        assertEquals(false, addressInfo.get("ischange"));
        assertEquals(false, ((Map<?, ?>) n.call("/wallet/my%20wallet", "getaddressinfo", "[\"" + address + "\"]"))
                .get("ismine"));

        NodeWithWallets.Failure unknown = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call("/wallet/nope", "getbalance", "[]"));
        assertEquals(-18, unknown.code);
        assertEquals("Requested wallet does not exist or is not loaded", unknown.text());

        assertEquals(List.of("alpha", "my wallet"), n.call("listwallets", "[]"));
        NodeWithWallets.Failure mismatch = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call("/wallet/alpha", "unloadwallet", "[\"my wallet\"]"));
        assertEquals(-8, mismatch.code);
        assertEquals(Map.of(), n.call("/wallet/alpha", "unloadwallet", "[]"));
        assertEquals(List.of("my wallet"), n.call("listwallets", "[]"));
        assertEquals(Map.of("wallets", List.of(Map.of("name", "alpha"), Map.of("name", "my wallet"))),
                n.call("listwalletdir", "[]"));
        assertEquals(Map.of("name", "alpha"), n.call("loadwallet", "{\"filename\":\"alpha\"}"));

        n.rpc.close();
        NodeWithWallets.Failure gone = assertThrows(NodeWithWallets.Failure.class, () -> n.call("listwallets", "[]"));
        assertEquals(-32601, gone.code, "the commands leave the node's server with the wallet's registration");
    }

    @Test
    void missingOrExtraArgumentsGetTheUsage() throws Exception {
        NodeWithWallets.Failure missing = assertThrows(NodeWithWallets.Failure.class, () -> n.call("createwallet", "[]"));
        assertEquals(-1, missing.code);
        assertTrue(missing.text().startsWith("createwallet \"wallet_name\" ( \"disable_private_keys\""), missing.text());
        n.call("createwallet", "[\"w\"]");
        assertEquals(-1, assertThrows(NodeWithWallets.Failure.class, () -> n.call("getbalances", "[1]")).code);
        NodeWithWallets.Failure type = assertThrows(NodeWithWallets.Failure.class,
                () -> n.call("getnewaddress", "{\"label\":5}"));
        assertEquals(-3, type.code);
        assertEquals("JSON value of type number is not of expected type string", type.text());
        assertEquals(-5, assertThrows(NodeWithWallets.Failure.class,
                () -> n.call("getnewaddress", "{\"address_type\":\"p2pk\"}")).code);
        assertEquals(-11, assertThrows(NodeWithWallets.Failure.class, () -> n.call("getnewaddress", "[\"*\"]")).code);
        assertEquals(-8, assertThrows(NodeWithWallets.Failure.class,
                () -> n.call("getnewaddress", "{\"nonsense\":1}")).code, "unknown named parameter (the node's check)");
    }
}
