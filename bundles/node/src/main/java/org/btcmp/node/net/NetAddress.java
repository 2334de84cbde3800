package org.btcmp.node.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address in the pre-BIP155 form (services, 16-byte IPv6 or IPv4-mapped address, big-endian port), as the
 * version message and addr carry it.
 */
public record NetAddress(long services, InetAddress address, int port) {
    static final int SIZE = 26;
    private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    static NetAddress read(WireReader in, String field) throws MalformedMessageException {
        long services = in.i64(field + " services");
        byte[] ip = in.bytes(16, field + " address");
        int port = in.u16be(field + " port");
        try {
            // getByAddress turns an IPv4-mapped address back into an Inet4Address.
            return new NetAddress(services, InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes always form an address", e);
        }
    }

    void write(WireWriter out) {
        out.i64(services);
        byte[] ip = address.getAddress();
        if (ip.length == 4) {
            out.bytes(IPV4_MAPPED_PREFIX);
        }
        out.bytes(ip).u16be(port);
    }
}
