package org.btcmp.node.net;

/** A message whose meaning is its command alone: verack, getaddr, sendheaders, wtxidrelay, sendaddrv2, mempool. */
public record EmptyMessage(String command) implements Message {
    public static final EmptyMessage VERACK = new EmptyMessage("verack");
    public static final EmptyMessage GETADDR = new EmptyMessage("getaddr");
    public static final EmptyMessage SENDHEADERS = new EmptyMessage("sendheaders");
    public static final EmptyMessage WTXIDRELAY = new EmptyMessage("wtxidrelay");
    public static final EmptyMessage SENDADDRV2 = new EmptyMessage("sendaddrv2");
    public static final EmptyMessage MEMPOOL = new EmptyMessage("mempool");

    @Override
    public void write(WireWriter out) {
        // no payload
    }
}
