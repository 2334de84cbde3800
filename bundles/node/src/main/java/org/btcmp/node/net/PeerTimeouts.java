package org.btcmp.node.net;

import java.time.Duration;

/**
 * The timers of a peer connection. Core's values: 60 s for the version handshake (-peertimeout), a ping
 * every 2 minutes, 20 minutes for an unanswered ping or a silent connection (TIMEOUT_INTERVAL); the timer
 * checks once a second.
 */
public record PeerTimeouts(Duration handshake, Duration pingInterval, Duration pingTimeout, Duration inactivity,
        Duration tick) {
    public static final PeerTimeouts CORE = new PeerTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(2),
            Duration.ofMinutes(20), Duration.ofMinutes(20), Duration.ofSeconds(1));
}
