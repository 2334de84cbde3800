package org.btcmp.node.net;

/**
 * What the peer negotiated: wtxid relay and addrv2 (before verack), header announcements, compact blocks and
 * its fee filter (after).
 */
public record PeerFeatures(boolean wtxidRelay, boolean addrV2, boolean headersAnnouncements,
        long compactBlocksVersion, boolean compactHighBandwidth, long feeFilter) {
    static final PeerFeatures NONE = new PeerFeatures(false, false, false, 0, false, 0);

    PeerFeatures withWtxidRelay() {
        return new PeerFeatures(true, addrV2, headersAnnouncements, compactBlocksVersion, compactHighBandwidth,
                feeFilter);
    }

    PeerFeatures withAddrV2() {
        return new PeerFeatures(wtxidRelay, true, headersAnnouncements, compactBlocksVersion,
                compactHighBandwidth, feeFilter);
    }

    PeerFeatures withHeadersAnnouncements() {
        return new PeerFeatures(wtxidRelay, addrV2, true, compactBlocksVersion, compactHighBandwidth, feeFilter);
    }

    PeerFeatures withCompactBlocks(long version, boolean highBandwidth) {
        return new PeerFeatures(wtxidRelay, addrV2, headersAnnouncements, version, highBandwidth, feeFilter);
    }

    PeerFeatures withFeeFilter(long rate) {
        return new PeerFeatures(wtxidRelay, addrV2, headersAnnouncements, compactBlocksVersion,
                compactHighBandwidth, rate);
    }
}
