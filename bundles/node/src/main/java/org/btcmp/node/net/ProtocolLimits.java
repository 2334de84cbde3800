package org.btcmp.node.net;

/** Bitcoin Core's protocol limits (net.h, net_processing.cpp, serialize.h, protocol.h). */
final class ProtocolLimits {
    /** MAX_PROTOCOL_MESSAGE_LENGTH: the largest payload a peer may send. */
    static final int MAX_MESSAGE_LENGTH = 4_000_000;
    /** MAX_INV_SZ: entries in an inv or getdata. */
    static final int MAX_INV_ENTRIES = 50_000;
    /** MAX_HEADERS_RESULTS: headers in one headers message. */
    static final int MAX_HEADERS = 2_000;
    /** MAX_ADDR_TO_SEND: addresses in one addr or addrv2. */
    static final int MAX_ADDR = 1_000;
    /** MAX_LOCATOR_SZ: hashes in a getheaders or getblocks locator. */
    static final int MAX_LOCATOR = 101;
    /** MAX_SUBVERSION_LENGTH: bytes of a version message's user agent. */
    static final int MAX_USER_AGENT = 256;
    /** MAX_SIZE: the largest CompactSize a deserializer accepts. */
    static final long MAX_COMPACT_SIZE = 0x02000000L;
    /** BIP155: the longest address an addrv2 entry may carry. */
    static final int MAX_ADDRV2_ADDRESS = 512;
    /** MIN_PEER_PROTO_VERSION: older peers are disconnected. */
    static final int MIN_PEER_PROTOCOL_VERSION = 31800;
    /** PROTOCOL_VERSION that this node announces. */
    static final int PROTOCOL_VERSION = 70016;
    /** SENDHEADERS_VERSION. */
    static final int SENDHEADERS_VERSION = 70012;
    /** SHORT_IDS_BLOCKS_VERSION: compact blocks (sendcmpct) from here on. */
    static final int SHORT_IDS_BLOCKS_VERSION = 70014;
    /** FEEFILTER_VERSION. */
    static final int FEEFILTER_VERSION = 70013;
    /** WTXID_RELAY_VERSION: wtxidrelay and sendaddrv2 are only sent from here on. */
    static final int WTXID_RELAY_VERSION = 70016;

    private ProtocolLimits() {
    }
}
