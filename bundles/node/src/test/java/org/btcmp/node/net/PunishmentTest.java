package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Core's MaybeDiscourageAndDisconnect, case by case. */
class PunishmentTest {
    private static Punishment of(ConnectionType type, boolean noban, String address) throws Exception {
        return Punishment.of(type, noban, InetAddress.getByName(address));
    }

    @Test
    void routablePeersAreDiscouragedLocalOnesOnlyDisconnectedExemptOnesLeftAlone() throws Exception {
        assertEquals(Punishment.DISCOURAGE_AND_DISCONNECT, of(ConnectionType.INBOUND, false, "203.0.113.5"));
        assertEquals(Punishment.DISCOURAGE_AND_DISCONNECT, of(ConnectionType.OUTBOUND_FULL_RELAY, false, "2001:db8::1"));
        assertEquals(Punishment.DISCONNECT, of(ConnectionType.INBOUND, false, "127.0.0.1"));
        assertEquals(Punishment.DISCONNECT, of(ConnectionType.INBOUND, false, "127.8.9.10"));
        assertEquals(Punishment.DISCONNECT, of(ConnectionType.INBOUND, false, "0.1.2.3"));
        assertEquals(Punishment.DISCONNECT, of(ConnectionType.OUTBOUND_FULL_RELAY, false, "::1"));
        assertEquals(Punishment.NONE, of(ConnectionType.MANUAL, false, "203.0.113.5"));
        assertEquals(Punishment.NONE, of(ConnectionType.INBOUND, true, "203.0.113.5"));
    }
}
