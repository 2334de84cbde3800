package org.btcmp.node.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address with a prefix length (Core's CSubNet), as setban takes it: {@code 1.2.3.4}, {@code 1.2.3.0/24},
 * {@code 1.2.3.0/255.255.255.0} or an IPv6 literal with an optional prefix. Only literals are accepted: parsing
 * never looks a name up.
 */
public record Subnet(InetAddress network, int prefix) {
    public Subnet {
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix " + prefix + " outside 0.." + bits);
        }
        network = masked(network, prefix);
    }

    /** One address. */
    public static Subnet of(InetAddress address) {
        return new Subnet(address, address.getAddress().length * 8);
    }

    /** Parses setban's argument; throws IllegalArgumentException naming what is wrong. */
    public static Subnet parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        InetAddress address = literal(slash < 0 ? s : s.substring(0, slash), text);
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new Subnet(address, bits);
        }
        String mask = s.substring(slash + 1);
        if (mask.matches("[0-9]{1,3}")) {
            int prefix = Integer.parseInt(mask);
            if (prefix > bits) {
                throw new IllegalArgumentException("prefix length " + prefix + " too long in " + text);
            }
            return new Subnet(address, prefix);
        }
        byte[] m = literal(mask, text).getAddress();
        if (m.length * 8 != bits) {
            throw new IllegalArgumentException("netmask family differs from the address in " + text);
        }
        int prefix = 0;
        boolean ended = false;
        for (byte b : m) {
            for (int i = 7; i >= 0; i--) {
                boolean one = ((b >> i) & 1) != 0;
                if (one && ended) {
                    throw new IllegalArgumentException("netmask is not contiguous in " + text);
                }
                if (one) {
                    prefix++;
                } else {
                    ended = true;
                }
            }
        }
        return new Subnet(address, prefix);
    }

    private static InetAddress literal(String s, String whole) {
        boolean v4 = s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = s.contains(":") && s.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IP address: " + whole);
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + whole, e);
        }
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes always form an address", e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.getAddress().length) {
            return false;
        }
        return masked(address, prefix).equals(network);
    }

    /** Core's ToString: the network and prefix length, e.g. {@code 1.2.3.0/24}. */
    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
