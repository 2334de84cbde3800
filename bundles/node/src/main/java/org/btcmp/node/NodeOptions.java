package org.btcmp.node;

/**
 * Core's resource and index options the node honours: {@code -dbcache} (MiB), {@code -maxmempool}
 * (MB), {@code -mempoolexpiry} (hours), {@code -persistmempool}, {@code -persistmempoolv1},
 * {@code -txindex}, {@code -acceptstalefeeestimates}, {@code -limitclustercount} and
 * {@code -limitclustersize} (kvB).
 */
public record NodeOptions(long dbCacheMiB, long maxMempoolMB, long mempoolExpiryHours, boolean persistMempool,
        boolean txIndex, boolean persistMempoolV1, boolean acceptStaleFeeEstimates, long clusterCount,
        long clusterSizeKvB) {
    /** Core v31's defaults. */
    public static final NodeOptions DEFAULTS = new NodeOptions(450, 300, 336, true, false, false, false,
            org.btcmp.node.chain.Mempool.CLUSTER_COUNT_LIMIT, org.btcmp.node.chain.Mempool.CLUSTER_SIZE_LIMIT_KVB);
    /** Core's MIN_DB_CACHE. */
    public static final long MIN_DB_CACHE_MIB = 4;

    /** Core's floor for -maxmempool: 40 descendant packages of 101 kvB. */
    public static final long MIN_MAX_MEMPOOL_MB = 5;

    /** Raises a too-small -dbcache to the minimum as Core does; a too-small -maxmempool is an error. */
    public NodeOptions {
        if (dbCacheMiB < MIN_DB_CACHE_MIB) {
            dbCacheMiB = MIN_DB_CACHE_MIB;
        }
        if (maxMempoolMB < MIN_MAX_MEMPOOL_MB) {
            throw new IllegalArgumentException("-maxmempool must be at least " + MIN_MAX_MEMPOOL_MB + " MB");
        }
        if (mempoolExpiryHours < 0) {
            throw new IllegalArgumentException("-mempoolexpiry must not be negative");
        }
        if (clusterCount < 1 || clusterCount > org.btcmp.node.chain.Mempool.CLUSTER_COUNT_LIMIT) {
            throw new IllegalArgumentException("-limitclustercount must be between 1 and "
                    + org.btcmp.node.chain.Mempool.CLUSTER_COUNT_LIMIT);
        }
        if (clusterSizeKvB < 1) {
            throw new IllegalArgumentException("-limitclustersize must be at least 1");
        }
    }

    public NodeOptions withDbCacheMiB(long v) {
        return new NodeOptions(v, maxMempoolMB, mempoolExpiryHours, persistMempool, txIndex, persistMempoolV1,
                acceptStaleFeeEstimates, clusterCount, clusterSizeKvB);
    }

    public NodeOptions withMaxMempoolMB(long v) {
        return new NodeOptions(dbCacheMiB, v, mempoolExpiryHours, persistMempool, txIndex, persistMempoolV1,
                acceptStaleFeeEstimates, clusterCount, clusterSizeKvB);
    }

    public NodeOptions withMempoolExpiryHours(long v) {
        return new NodeOptions(dbCacheMiB, maxMempoolMB, v, persistMempool, txIndex, persistMempoolV1,
                acceptStaleFeeEstimates, clusterCount, clusterSizeKvB);
    }

    public NodeOptions withPersistMempool(boolean v) {
        return new NodeOptions(dbCacheMiB, maxMempoolMB, mempoolExpiryHours, v, txIndex, persistMempoolV1,
                acceptStaleFeeEstimates, clusterCount, clusterSizeKvB);
    }

    public NodeOptions withTxIndex(boolean v) {
        return new NodeOptions(dbCacheMiB, maxMempoolMB, mempoolExpiryHours, persistMempool, v, persistMempoolV1,
                acceptStaleFeeEstimates, clusterCount, clusterSizeKvB);
    }

    public NodeOptions withPersistMempoolV1(boolean v) {
        return new NodeOptions(dbCacheMiB, maxMempoolMB, mempoolExpiryHours, persistMempool, txIndex, v,
                acceptStaleFeeEstimates, clusterCount, clusterSizeKvB);
    }

    public NodeOptions withAcceptStaleFeeEstimates(boolean v) {
        return new NodeOptions(dbCacheMiB, maxMempoolMB, mempoolExpiryHours, persistMempool, txIndex,
                persistMempoolV1, v, clusterCount, clusterSizeKvB);
    }

    public NodeOptions withClusterLimits(long count, long sizeKvB) {
        return new NodeOptions(dbCacheMiB, maxMempoolMB, mempoolExpiryHours, persistMempool, txIndex,
                persistMempoolV1, acceptStaleFeeEstimates, count, sizeKvB);
    }
}
