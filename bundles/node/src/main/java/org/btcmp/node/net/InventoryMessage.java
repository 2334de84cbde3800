package org.btcmp.node.net;

import java.util.List;

/**
 * inv, getdata and notfound: lists of inventory entries. inv and getdata over 50 000 entries are
 * misbehaviour; Core bounds notfound only by the message size and ignores what it does not expect.
 */
public record InventoryMessage(String command, List<InvVector> entries) implements Message {
    public static final String INV = "inv";
    public static final String GETDATA = "getdata";
    public static final String NOTFOUND = "notfound";

    public InventoryMessage {
        entries = List.copyOf(entries);
    }

    static InventoryMessage read(String command, WireReader in) throws MalformedMessageException {
        int limit = command.equals(NOTFOUND) ? Integer.MAX_VALUE : ProtocolLimits.MAX_INV_ENTRIES;
        return new InventoryMessage(command, in.list(command, limit, InvVector.SIZE, false, InvVector::read));
    }

    @Override
    public void write(WireWriter out) {
        out.compactSize(entries.size());
        entries.forEach(e -> e.write(out));
    }
}
