package org.btcmp.node.net;

import java.util.List;

/** addrv2 (BIP155): addresses of any network, up to 1 000 (more is misbehaviour). */
public record AddrV2Message(List<AddrV2Entry> addresses) implements Message {
    public static final String COMMAND = "addrv2";

    public AddrV2Message {
        addresses = List.copyOf(addresses);
    }

    @Override
    public String command() {
        return COMMAND;
    }

    static AddrV2Message read(WireReader in) throws MalformedMessageException {
        return new AddrV2Message(in.list("addrv2", ProtocolLimits.MAX_ADDR, AddrV2Entry.MIN_SIZE, false,
                AddrV2Entry::read));
    }

    @Override
    public void write(WireWriter out) {
        out.compactSize(addresses.size());
        addresses.forEach(a -> a.write(out));
    }
}
