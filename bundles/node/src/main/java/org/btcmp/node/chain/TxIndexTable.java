package org.btcmp.node.chain;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.btcmp.primitives.Hash256;

/**
 * -txindex: {@code indexes/txindex/txindex.sqlite}, attached to the chain database's connection
 * as {@code txi} so each block's entries commit together with its coins. Maps a txid to the block
 * holding it (the genesis coinbase excluded, as Core) and records the block the index has reached.
 */
final class TxIndexTable {
    private TxIndexTable() {
    }

    static void attach(Connection conn, Path dir, long pageCacheKiB) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("ATTACH DATABASE '" + dir.resolve("txindex.sqlite").toString().replace("'", "''") + "' AS txi");
            s.execute("PRAGMA txi.journal_mode=DELETE");
            s.execute("PRAGMA txi.synchronous=FULL");
            s.execute("PRAGMA txi.cache_size=-" + pageCacheKiB);
            s.execute("CREATE TABLE IF NOT EXISTS txi.txs (txid BLOB PRIMARY KEY, block BLOB NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS txi.meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)");
        }
    }

    /** Inside the caller's transaction: files {@code txids} under {@code block} and moves the index's best block. */
    static void write(Connection conn, List<Hash256> txids, Hash256 block, Hash256 best) throws SQLException {
        if (!txids.isEmpty()) {
            try (PreparedStatement p = conn.prepareStatement("INSERT OR REPLACE INTO txi.txs VALUES (?, ?)")) {
                for (Hash256 t : txids) {
                    p.setBytes(1, t.internalBytes());
                    p.setBytes(2, block.internalBytes());
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        if (best != null) {
            try (PreparedStatement p = conn.prepareStatement("INSERT OR REPLACE INTO txi.meta VALUES ('best', ?)")) {
                p.setBytes(1, best.internalBytes());
                p.executeUpdate();
            }
        }
    }

    static Hash256 blockOf(Connection conn, Hash256 txid) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("SELECT block FROM txi.txs WHERE txid = ?")) {
            p.setBytes(1, txid.internalBytes());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Hash256.wrap(rs.getBytes(1)) : null;
            }
        }
    }

    static Hash256 best(Connection conn) throws SQLException {
        try (Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM txi.meta WHERE key = 'best'")) {
            return rs.next() ? Hash256.wrap(rs.getBytes(1)) : null;
        }
    }
}
