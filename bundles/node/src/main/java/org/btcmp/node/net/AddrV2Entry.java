package org.btcmp.node.net;

/**
 * One BIP155 addrv2 entry. Known networks must carry their address length (IPv4 4, IPv6 16, TorV3 32, I2P 32,
 * CJDNS 16; TorV2's 10 is no longer accepted by Core but still parses); unknown networks are kept opaque.
 */
public record AddrV2Entry(long time, long services, int networkId, Bytes address, int port) {
    static final int MIN_SIZE = 4 + 1 + 1 + 1 + 2;
    public static final int IPV4 = 1;
    public static final int IPV6 = 2;
    public static final int TORV2 = 3;
    public static final int TORV3 = 4;
    public static final int I2P = 5;
    public static final int CJDNS = 6;

    static AddrV2Entry read(WireReader in) throws MalformedMessageException {
        long time = in.u32("addrv2 time");
        long services = in.compactSize("addrv2 services");
        int networkId = in.u8("addrv2 network id");
        int at = in.position();
        long length = in.compactSize("addrv2 address length");
        if (length > ProtocolLimits.MAX_ADDRV2_ADDRESS) {
            throw new MalformedMessageException("addrv2 address at byte " + at + ": " + length
                    + " bytes, at most " + ProtocolLimits.MAX_ADDRV2_ADDRESS + " allowed");
        }
        int expected = expectedLength(networkId);
        if (expected >= 0 && expected != length) {
            throw new MalformedMessageException("addrv2 address at byte " + at + ": network " + networkId
                    + " needs " + expected + " bytes, got " + length);
        }
        Bytes address = Bytes.wrap(in.bytes((int) length, "addrv2 address"));
        int port = in.u16be("addrv2 port");
        return new AddrV2Entry(time, services, networkId, address, port);
    }

    private static int expectedLength(int networkId) {
        return switch (networkId) {
            case IPV4 -> 4;
            case IPV6, CJDNS -> 16;
            case TORV2 -> 10;
            case TORV3, I2P -> 32;
            default -> -1;
        };
    }

    void write(WireWriter out) {
        out.i32((int) time).compactSize(services).u8(networkId).compactSize(address.length())
                .bytes(address.unsafeArray()).u16be(port);
    }
}
