package org.btcmp.node.net;

/**
 * One message as the v1 transport delivers it. {@code rejection} is non-null when Core's transport would drop
 * the message while keeping the peer (wrong checksum, invalid command characters).
 */
record Frame(String command, byte[] payload, String rejection) {
    boolean rejected() {
        return rejection != null;
    }
}
