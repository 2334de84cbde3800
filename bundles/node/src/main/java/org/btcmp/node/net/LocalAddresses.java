package org.btcmp.node.net;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * Core's GetLocalAddrForPeer: the address we advertise to a peer. -externalip addresses come first (the one of the
 * peer's family if any); with discovery on (no -externalip, -bind or -connect) the address the peer says it sees
 * us at may be used instead, always when we know no routable one, else with even odds. Only a routable address
 * is ever advertised.
 */
final class LocalAddresses implements AddrRelay.LocalAddress {
    private final List<String> external;
    private final boolean discover;
    private final IntSupplier listenPort;

    LocalAddresses(P2pSettings settings, IntSupplier listenPort) {
        this.external = settings.externalIps();
        this.discover = settings.externalIps().isEmpty() && settings.binds().isEmpty() && settings.connect().isEmpty();
        this.listenPort = listenPort;
    }

    @Override
    public Optional<InetSocketAddress> forPeer(Peer peer) {
        InetSocketAddress best = manual(peer.remoteAddress().getAddress() instanceof Inet4Address);
        InetSocketAddress seen = peer.addrLocal();
        boolean seenGood = discover && seen != null && seen.getAddress() != null
                && Inet.isRoutable(seen.getAddress());
        boolean ours = best != null && Inet.isRoutable(best.getAddress());
        // Core: an -externalip address (score LOCAL_MANUAL) gives way to the peer's view 1 time in 8, others 1 in 2.
        if (seenGood && (!ours || ThreadLocalRandom.current().nextInt(best != null ? 8 : 2) == 0)) {
            // Inbound: the peer saw our listening port too; outbound: only our address (the port was ephemeral).
            best = peer.type().inbound() ? seen : new InetSocketAddress(seen.getAddress(), listenPort.getAsInt());
        }
        return best != null && Inet.isRoutable(best.getAddress()) ? Optional.of(best) : Optional.empty();
    }

    private InetSocketAddress manual(boolean ipv4) {
        List<InetSocketAddress> parsed = new ArrayList<>();
        for (String e : external) {
            try {
                parsed.add(P2pNode.resolve(e, listenPort.getAsInt()));
            } catch (UnknownHostException | IllegalArgumentException ex) {
                // an unresolvable -externalip is not advertised (Core logs and skips it too)
            }
        }
        return parsed.stream().filter(a -> (a.getAddress() instanceof Inet4Address) == ipv4).findFirst()
                .orElse(parsed.isEmpty() ? null : parsed.get(0));
    }
}
