package org.btcmp.node.net;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Core's NetPermissionFlags, as -whitelist grants them to peers by address. */
public enum NetPermission {
    /** BIP37 filtered blocks and transactions (accepted; this node serves no bloom filters). */
    BLOOMFILTER,
    /** Never disconnected or discouraged for misbehaviour, and let in even when banned or discouraged. */
    NOBAN,
    /** Transactions relayed even when already in the mempool (accepted; no effect here yet). */
    FORCERELAY,
    /** Transactions relayed even in blocks-only mode. */
    RELAY,
    /** May ask for the mempool's contents with the BIP35 mempool message. */
    MEMPOOL,
    /** May download blocks whatever the upload target. */
    DOWNLOAD,
    /** getaddr answered from fresh data. */
    ADDR;

    /** What -whitelist grants when no permissions are named (Core's implicit flags with its defaults). */
    public static final Set<NetPermission> IMPLICIT = Set.copyOf(EnumSet.of(RELAY, MEMPOOL, NOBAN, DOWNLOAD));

    /**
     * Parses Core's comma-separated permission list ("all" for every one); noban implies download and forcerelay
     * implies relay, as in Core.
     *
     * @throws IllegalArgumentException {@code Invalid P2P permission: 'x'} as Core words it
     */
    public static Set<NetPermission> parseList(String list) {
        EnumSet<NetPermission> out = EnumSet.noneOf(NetPermission.class);
        for (String name : list.split(",", -1)) {
            String n = name.strip();
            if (n.equals("all")) {
                out.addAll(EnumSet.allOf(NetPermission.class));
            } else if (n.isEmpty()) {
                continue;
            } else {
                try {
                    out.add(valueOf(n.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Invalid P2P permission: '" + n + "'", e);
                }
            }
        }
        if (out.contains(NOBAN)) {
            out.add(DOWNLOAD);
        }
        if (out.contains(FORCERELAY)) {
            out.add(RELAY);
        }
        return Set.copyOf(out);
    }
}
