package org.btcmp.node.net;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where an address may sit in the address manager's tables, by Core's rules (AddrInfo::GetNewBucket,
 * GetTriedBucket, GetBucketPosition): keyed SHA-256d hashes, so an attacker who does not know the key cannot aim
 * at a slot. An address group is its /16 (IPv4) or /32 (IPv6); local and other unroutable addresses share one.
 */
final class AddrBuckets {
    static final int NEW_BUCKETS = 1024;
    static final int TRIED_BUCKETS = 256;
    static final int BUCKET_SIZE = 64;
    /** Core's ADDRMAN_TRIED_BUCKETS_PER_GROUP: the tried buckets one address group can reach. */
    static final int TRIED_BUCKETS_PER_GROUP = 8;
    /** Core's ADDRMAN_NEW_BUCKETS_PER_SOURCE_GROUP: the new buckets one source group can reach. */
    static final int NEW_BUCKETS_PER_SOURCE_GROUP = 64;

    private final byte[] key;
    /** -asmap: groups by autonomous system instead of by prefix; null without one. */
    private final Asmap asmap;

    AddrBuckets(byte[] key) {
        this(key, null);
    }

    AddrBuckets(byte[] key, Asmap asmap) {
        this.key = key.clone();
        this.asmap = asmap;
    }

    byte[] key() {
        return key.clone();
    }

    /** Core's GetTriedBucket: a few buckets per address group, one of them per address. */
    int tried(InetSocketAddress address) {
        long h1 = hash(serviceKey(address)) % TRIED_BUCKETS_PER_GROUP;
        return (int) Long.remainderUnsigned(hash(group(address.getAddress()), longBytes(h1)), TRIED_BUCKETS);
    }

    /** Core's GetNewBucket: a few buckets per (address group, source group), bounded per source group. */
    int newBucket(InetSocketAddress address, InetSocketAddress source) {
        byte[] sourceGroup = group(source.getAddress());
        long h1 = Long.remainderUnsigned(hash(group(address.getAddress()), sourceGroup),
                NEW_BUCKETS_PER_SOURCE_GROUP);
        return (int) Long.remainderUnsigned(hash(sourceGroup, longBytes(h1)), NEW_BUCKETS);
    }

    /** Core's GetBucketPosition: the slot of an address within a bucket of the new or tried table. */
    int position(boolean isNew, int bucket, InetSocketAddress address) {
        return (int) Long.remainderUnsigned(hash(new byte[] {(byte) (isNew ? 'N' : 'K')}, longBytes(bucket),
                serviceKey(address)), BUCKET_SIZE);
    }

    /**
     * Core's NetGroupManager::GetGroup: with an asmap, a mapped address's group is its AS (IPv4 and IPv6 of one AS
     * together, under the IPv6 class); otherwise, and for unmapped addresses, the prefix group.
     */
    byte[] group(InetAddress ip) {
        long asn = asmap == null ? 0 : asmap.lookup(ip);
        if (asn != 0) {
            return new byte[] {2, (byte) asn, (byte) (asn >> 8), (byte) (asn >> 16), (byte) (asn >> 24)};
        }
        return prefixGroup(ip);
    }

    /** Core's CNetAddr::GetGroup without an ASN map. */
    static byte[] prefixGroup(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (ip.isLoopbackAddress() || ip.isAnyLocalAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()) {
            return new byte[] {0};
        }
        return b.length == 4 ? new byte[] {1, b[0], b[1]} : new byte[] {2, b[0], b[1], b[2], b[3]};
    }

    /** An address with its port, as Core's CService::GetKey. */
    private static byte[] serviceKey(InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        byte[] out = new byte[ip.length + 2];
        System.arraycopy(ip, 0, out, 0, ip.length);
        out[ip.length] = (byte) (a.getPort() >> 8);
        out[ip.length + 1] = (byte) a.getPort();
        return out;
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /** SHA-256d of the key and the parts, its first 8 bytes little-endian (Core's GetCheapHash); never negative. */
    private long hash(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(key);
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        byte[] data = out.toByteArray();
        byte[] h = Sha256d.hash(data, 0, data.length);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return v >>> 1;
    }
}
