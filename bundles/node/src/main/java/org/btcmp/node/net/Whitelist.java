package org.btcmp.node.net;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One -whitelist value, {@code [permissions@]IP-or-subnet}: the permissions that peers from the subnet get. As in
 * Core, the pseudo-permissions {@code in} and {@code out} say whether they apply to inbound connections, to
 * manual outbound ones, or both (default: inbound only).
 */
public record Whitelist(Set<NetPermission> permissions, Subnet subnet, boolean inbound, boolean outbound) {
    public Whitelist {
        permissions = Set.copyOf(permissions);
    }

    /** @throws IllegalArgumentException with Core's message for a permission or subnet it refuses */
    public static Whitelist parse(String value) {
        int at = value.indexOf('@');
        Set<NetPermission> permissions = NetPermission.IMPLICIT;
        boolean in = false;
        boolean out = false;
        if (at >= 0) {
            StringBuilder rest = new StringBuilder();
            for (String p : value.substring(0, at).split(",", -1)) {
                if (p.strip().equals("in")) {
                    in = true;
                } else if (p.strip().equals("out")) {
                    out = true;
                } else {
                    rest.append(p).append(',');
                }
            }
            permissions = NetPermission.parseList(rest.toString());
        }
        Subnet subnet;
        try {
            subnet = Subnet.parse(value.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid netmask specified in -whitelist: '" + value.substring(at + 1)
                    + "'", e);
        }
        return new Whitelist(permissions, subnet, in || !out, out);
    }

    /** The permissions every matching entry grants a connection from or to this address. */
    public static Set<NetPermission> permissionsOf(List<Whitelist> list, InetAddress address, boolean inbound) {
        EnumSet<NetPermission> out = EnumSet.noneOf(NetPermission.class);
        for (Whitelist w : list) {
            if ((inbound ? w.inbound() : w.outbound()) && w.subnet().contains(address)) {
                out.addAll(w.permissions());
            }
        }
        return Set.copyOf(out);
    }
}
