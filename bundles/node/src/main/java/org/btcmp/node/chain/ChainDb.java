package org.btcmp.node.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The block index ({@code blocks/index.sqlite}) and the UTXO set with the best block
 * ({@code chainstate/chainstate.sqlite}) in SQLite. Both files are attached to one connection in
 * rollback-journal mode with full sync, so one commit updates both atomically: after a kill -9 the
 * UTXO set always matches the recorded tip.
 */
final class ChainDb implements AutoCloseable {
    private final Connection conn;

    /** A stored block index row. */
    record IndexRow(BlockHeader header, int status, BlockIndex.FilePos data, BlockIndex.FilePos undo, int txCount,
            long sequence) {
    }

    ChainDb(Path blocksDir, Path chainstateDir) throws IOException {
        try {
            Files.createDirectories(blocksDir);
            Files.createDirectories(chainstateDir);
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.DELETE);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(10_000);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl("jdbc:sqlite:" + chainstateDir.resolve("chainstate.sqlite"));
            conn = ds.getConnection();
            try (Statement s = conn.createStatement()) {
                s.execute("ATTACH DATABASE '" + blocksDir.resolve("index.sqlite").toString().replace("'", "''")
                        + "' AS idx");
                s.execute("PRAGMA idx.journal_mode=DELETE");
                s.execute("PRAGMA idx.synchronous=FULL");
                s.execute("CREATE TABLE IF NOT EXISTS main.coins (outpoint BLOB PRIMARY KEY, coin BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS main.meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS idx.blocks (hash BLOB PRIMARY KEY, header BLOB NOT NULL,"
                        + " status INTEGER NOT NULL, data_file INTEGER, data_pos INTEGER, undo_file INTEGER,"
                        + " undo_pos INTEGER, tx_count INTEGER NOT NULL, seq INTEGER NOT NULL)");
            }
            conn.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IOException("cannot open the chain database: " + e.getMessage(), e);
        }
    }

    /** Every stored index row, parents before children (ordered by arrival). */
    List<IndexRow> loadIndex() throws IOException {
        List<IndexRow> rows = new ArrayList<>();
        try (Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("SELECT header, status, data_file, data_pos, undo_file, undo_pos,"
                        + " tx_count, seq FROM idx.blocks ORDER BY seq")) {
            while (rs.next()) {
                rows.add(new IndexRow(BlockHeader.fromBytes(rs.getBytes(1)), rs.getInt(2), pos(rs, 3), pos(rs, 5),
                        rs.getInt(7), rs.getLong(8)));
            }
            conn.commit();
        } catch (SQLException e) {
            throw new IOException("cannot read the block index: " + e.getMessage(), e);
        }
        return rows;
    }

    private static BlockIndex.FilePos pos(ResultSet rs, int col) throws SQLException {
        long p = rs.getLong(col + 1);
        return rs.wasNull() ? null : new BlockIndex.FilePos(rs.getInt(col), p);
    }

    Map<OutPoint, Coin> loadCoins() throws IOException {
        Map<OutPoint, Coin> coins = new java.util.HashMap<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT outpoint, coin FROM coins")) {
            while (rs.next()) {
                coins.put(OutPoint.fromBytes(rs.getBytes(1)), Coin.read(new ByteReader(rs.getBytes(2))));
            }
            conn.commit();
        } catch (SQLException e) {
            throw new IOException("cannot read the UTXO set: " + e.getMessage(), e);
        }
        return coins;
    }

    Hash256 bestBlock() throws IOException {
        try (PreparedStatement p = conn.prepareStatement("SELECT value FROM meta WHERE key = 'best'")) {
            try (ResultSet rs = p.executeQuery()) {
                Hash256 h = rs.next() ? Hash256.wrap(rs.getBytes(1)) : null;
                conn.commit();
                return h;
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the best block: " + e.getMessage(), e);
        }
    }

    /** A set of changes committed together: index rows, coins added and spent, and the new tip. */
    final class Batch {
        private final List<BlockIndex> index = new ArrayList<>();
        private final List<Map.Entry<OutPoint, Coin>> added = new ArrayList<>();
        private final List<OutPoint> removed = new ArrayList<>();
        private Hash256 best;

        Batch index(BlockIndex b) {
            index.add(b);
            return this;
        }

        Batch add(OutPoint o, Coin c) {
            added.add(Map.entry(o, c));
            return this;
        }

        Batch remove(OutPoint o) {
            removed.add(o);
            return this;
        }

        Batch best(Hash256 h) {
            best = h;
            return this;
        }

        void commit() throws IOException {
            write(this);
        }
    }

    Batch batch() {
        return new Batch();
    }

    private synchronized void write(Batch b) throws IOException {
        try {
            if (!b.index.isEmpty()) {
                try (PreparedStatement p = conn.prepareStatement("INSERT OR REPLACE INTO idx.blocks VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (BlockIndex i : b.index) {
                        p.setBytes(1, i.hash.internalBytes());
                        p.setBytes(2, i.header.toBytes());
                        p.setInt(3, i.status);
                        setPos(p, 4, i.data);
                        setPos(p, 6, i.undo);
                        p.setInt(8, i.txCount);
                        p.setLong(9, i.sequence);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            if (!b.removed.isEmpty()) {
                try (PreparedStatement p = conn.prepareStatement("DELETE FROM coins WHERE outpoint = ?")) {
                    for (OutPoint o : b.removed) {
                        p.setBytes(1, o.toBytes());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            if (!b.added.isEmpty()) {
                try (PreparedStatement p = conn.prepareStatement("INSERT OR REPLACE INTO coins VALUES (?, ?)")) {
                    for (Map.Entry<OutPoint, Coin> e : b.added) {
                        ByteWriter w = new ByteWriter(64);
                        e.getValue().write(w);
                        p.setBytes(1, e.getKey().toBytes());
                        p.setBytes(2, w.toByteArray());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            if (b.best != null) {
                try (PreparedStatement p = conn.prepareStatement("INSERT OR REPLACE INTO meta VALUES ('best', ?)")) {
                    p.setBytes(1, b.best.internalBytes());
                    p.executeUpdate();
                }
            }
            conn.commit();
        } catch (SQLException e) {
            try {
                conn.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException("cannot write the chain database: " + e.getMessage(), e);
        }
    }

    private static void setPos(PreparedStatement p, int col, BlockIndex.FilePos pos) throws SQLException {
        if (pos == null) {
            p.setNull(col, java.sql.Types.INTEGER);
            p.setNull(col + 1, java.sql.Types.INTEGER);
        } else {
            p.setInt(col, pos.file());
            p.setLong(col + 1, pos.offset());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new IOException("cannot close the chain database: " + e.getMessage(), e);
        }
    }
}
