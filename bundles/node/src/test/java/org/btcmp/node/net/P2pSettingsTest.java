package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the P2P options as Core interprets them. */
class P2pSettingsTest {
    private static P2pSettings read(Map<String, List<String>> options) {
        return P2pSettings.read(P2pNetwork.REGTEST, k -> options.getOrDefault(k, List.of()));
    }

    @Test
    void defaultsListenOnTheNetworksPortAndConnectAutomatically() {
        P2pSettings s = read(Map.of());
        assertTrue(s.listen());
        assertEquals(18444, s.port());
        assertTrue(s.automaticOutbound());
        assertTrue(s.networkActive());
        assertEquals(125, s.maxConnections());
        assertEquals(s, P2pSettings.defaults(P2pNetwork.REGTEST));
    }

    @Test
    void connectTurnsOffListeningAndAutomaticConnectionsUnlessListenIsGiven() {
        P2pSettings s = read(Map.of("connect", List.of("127.0.0.1:1", "10.0.0.1")));
        assertEquals(List.of("127.0.0.1:1", "10.0.0.1"), s.connect());
        assertFalse(s.listen());
        assertFalse(s.automaticOutbound());
        assertTrue(read(Map.of("connect", List.of("127.0.0.1:1"), "listen", List.of("1"))).listen());
        P2pSettings none = read(Map.of("connect", List.of("0")));
        assertEquals(List.of(), none.connect());
        assertFalse(none.automaticOutbound());
        assertTrue(none.listen());
    }

    @Test
    void flagsNumbersAndListsAreReadAsCoreReadsThem() {
        P2pSettings s = read(Map.of("listen", List.of("0"), "port", List.of("18555"), "addnode",
                List.of("a:1", "b:2"), "maxconnections", List.of("-3"), "networkactive", List.of("0"), "bind",
                List.of("127.0.0.1:5")));
        assertFalse(s.listen());
        assertEquals(18555, s.port());
        assertEquals(List.of("a:1", "b:2"), s.addNodes());
        assertEquals(0, s.maxConnections());
        assertFalse(s.networkActive());
        assertEquals(List.of("127.0.0.1:5"), s.binds());
        assertTrue(read(Map.of("listen", List.of(""))).listen());
    }

    @Test
    void badPortsAndCountsAreCoresErrors() {
        assertEquals("Invalid port specified in -port: 'x'", assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("port", List.of("x")))).getMessage());
        assertEquals("Invalid port specified in -port: '70000'", assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("port", List.of("70000")))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("maxconnections", List.of("many"))));
    }

    @Test
    void bantimeAndWhitelistAreReadAsCoreReadsThem() {
        assertEquals(86400, read(Map.of()).banTimeSeconds());
        assertEquals(List.of(), read(Map.of()).whitelist());
        assertEquals(600, read(Map.of("bantime", List.of("600"))).banTimeSeconds());
        assertEquals(86400, read(Map.of("bantime", List.of("soon"))).banTimeSeconds(), "not a number: the default");
        assertEquals(86400, read(Map.of("bantime", List.of("0"))).banTimeSeconds());
        P2pSettings w = read(Map.of("whitelist", List.of("mempool@127.0.0.1", "10.0.0.0/8")));
        assertEquals(List.of(Whitelist.parse("mempool@127.0.0.1"), Whitelist.parse("10.0.0.0/8")), w.whitelist());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("whitelist", List.of("sudo@127.0.0.1"))));
        assertEquals("Invalid P2P permission: 'sudo'", e.getMessage());
        assertEquals(w.whitelist(), w.withBanTime(5).whitelist());
        assertEquals(5, w.withBanTime(5).banTimeSeconds());
        assertTrue(read(Map.of()).v2Transport(), "Core's default");
        assertFalse(read(Map.of("v2transport", List.of("0"))).v2Transport());
        assertFalse(P2pSettings.quiet(P2pNetwork.REGTEST).v2Transport());
    }

    @Test
    void minimumChainWorkIsHexAndExternalIpsAreKeptInOrder() {
        assertEquals(null, read(Map.of()).minimumChainWork(), "not given: the chain's default");
        assertEquals(java.math.BigInteger.valueOf(0x1f4), read(Map.of("minimumchainwork", List.of("0x1F4")))
                .minimumChainWork());
        assertEquals(java.math.BigInteger.valueOf(0x1f4), read(Map.of("minimumchainwork", List.of("1f4")))
                .minimumChainWork());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("minimumchainwork", List.of("12xyz"))));
        assertEquals("Invalid non-hex (12xyz) minimum chain work value specified", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("minimumchainwork", List.of("1".repeat(65)))));
        assertEquals(List.of("1.2.3.4", "[2001:db8::1]:8333"),
                read(Map.of("externalip", List.of("1.2.3.4", "[2001:db8::1]:8333"))).externalIps());
    }

    @Test
    void asmapTakesCoresDefaultFileForABareOptionAndNothingWhenNegated() {
        assertEquals(null, read(Map.of()).asmap());
        assertEquals("ip_asn.map", read(Map.of("asmap", List.of(""))).asmap());
        assertEquals("my.map", read(Map.of("asmap", List.of("my.map"))).asmap());
        assertEquals(null, read(Map.of("asmap", List.of("0"))).asmap());
    }
}
