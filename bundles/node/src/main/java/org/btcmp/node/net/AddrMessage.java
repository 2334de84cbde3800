package org.btcmp.node.net;

import java.util.List;

/** addr: up to 1 000 addresses of other nodes (more is misbehaviour). */
public record AddrMessage(List<TimedAddress> addresses) implements Message {
    public static final String COMMAND = "addr";

    public AddrMessage {
        addresses = List.copyOf(addresses);
    }

    @Override
    public String command() {
        return COMMAND;
    }

    static AddrMessage read(WireReader in) throws MalformedMessageException {
        return new AddrMessage(in.list("addr", ProtocolLimits.MAX_ADDR, TimedAddress.SIZE, false,
                TimedAddress::read));
    }

    @Override
    public void write(WireWriter out) {
        out.compactSize(addresses.size());
        addresses.forEach(a -> a.write(out));
    }
}
