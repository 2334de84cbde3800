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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
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
    private PreparedStatement selectCoin;
    private PreparedStatement selectAnyOf;
    private final boolean txIndex;

    /** A stored block index row. */
    record IndexRow(BlockHeader header, int status, BlockIndex.FilePos data, BlockIndex.FilePos undo, int txCount,
            long sequence) {
    }

    /**
     * Opens both files (and the transaction index in {@code txIndexDir} unless it is null); SQLite's
     * own page cache gets {@code pageCacheKiB} per file.
     */
    ChainDb(Path blocksDir, Path chainstateDir, Path txIndexDir, long pageCacheKiB) throws IOException {
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
                s.execute("PRAGMA main.cache_size=-" + pageCacheKiB);
                s.execute("PRAGMA idx.cache_size=-" + pageCacheKiB);
                s.execute("CREATE TABLE IF NOT EXISTS main.coins (outpoint BLOB PRIMARY KEY, coin BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS main.meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS idx.blocks (hash BLOB PRIMARY KEY, header BLOB NOT NULL,"
                        + " status INTEGER NOT NULL, data_file INTEGER, data_pos INTEGER, undo_file INTEGER,"
                        + " undo_pos INTEGER, tx_count INTEGER NOT NULL, seq INTEGER NOT NULL)");
            }
            if (txIndexDir != null) {
                Files.createDirectories(txIndexDir);
                TxIndexTable.attach(conn, txIndexDir, pageCacheKiB);
            }
            txIndex = txIndexDir != null;
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

    /** The stored coin at {@code o}, or null when it is spent or never existed. */
    synchronized Coin readCoin(OutPoint o) throws IOException {
        try {
            if (selectCoin == null) {
                selectCoin = conn.prepareStatement("SELECT coin FROM coins WHERE outpoint = ?");
            }
            selectCoin.setBytes(1, o.toBytes());
            try (ResultSet rs = selectCoin.executeQuery()) {
                return rs.next() ? Coin.read(new ByteReader(rs.getBytes(1))) : null;
            }
        } catch (SQLException e) {
            throw new IOException("cannot read coin " + o + ": " + e.getMessage(), e);
        }
    }

    /** Whether any output of {@code txid} is stored: keys are the txid then the index, so one range covers them. */
    synchronized boolean hasAnyCoinOf(Hash256 txid) throws IOException {
        try {
            if (selectAnyOf == null) {
                selectAnyOf = conn.prepareStatement("SELECT 1 FROM coins WHERE outpoint BETWEEN ? AND ? LIMIT 1");
            }
            selectAnyOf.setBytes(1, new OutPoint(txid, 0).toBytes());
            selectAnyOf.setBytes(2, new OutPoint(txid, 0xffffffffL).toBytes());
            try (ResultSet rs = selectAnyOf.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IOException("cannot read coins of " + txid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every stored coin in Core's coins-database order: by txid bytes as stored, then by output
     * index (the key stores the index little-endian, so each transaction's outputs are sorted here).
     */
    synchronized void forEachCoin(BiConsumer<OutPoint, Coin> visitor) throws IOException {
        try (Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("SELECT outpoint, coin FROM coins ORDER BY outpoint")) {
            List<Map.Entry<OutPoint, Coin>> group = new ArrayList<>();
            while (rs.next()) {
                OutPoint o = OutPoint.fromBytes(rs.getBytes(1));
                if (!group.isEmpty() && !group.get(0).getKey().txid().equals(o.txid())) {
                    visitGroup(group, visitor);
                }
                group.add(Map.entry(o, Coin.read(new ByteReader(rs.getBytes(2)))));
            }
            visitGroup(group, visitor);
        } catch (SQLException e) {
            throw new IOException("cannot read the UTXO set: " + e.getMessage(), e);
        }
    }

    private static void visitGroup(List<Map.Entry<OutPoint, Coin>> group, BiConsumer<OutPoint, Coin> visitor) {
        group.sort(Comparator.comparingLong(e -> e.getKey().index()));
        group.forEach(e -> visitor.accept(e.getKey(), e.getValue()));
        group.clear();
    }

    boolean hasTxIndex() {
        return txIndex;
    }

    /** With -txindex: the block holding {@code txid}, or null. */
    synchronized Hash256 txBlock(Hash256 txid) throws IOException {
        try {
            return TxIndexTable.blockOf(conn, txid);
        } catch (SQLException e) {
            throw new IOException("cannot read the transaction index: " + e.getMessage(), e);
        }
    }

    /** With -txindex: the last block the index covers, or null before the first. */
    synchronized Hash256 txIndexBest() throws IOException {
        try {
            return TxIndexTable.best(conn);
        } catch (SQLException e) {
            throw new IOException("cannot read the transaction index: " + e.getMessage(), e);
        }
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
        private List<Hash256> indexedTxids = List.of();
        private Hash256 indexedBlock;
        private Hash256 txIndexBest;

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

        /** With -txindex: files {@code txids} under {@code block} (may be null) and sets the index's best block. */
        Batch txIndex(List<Hash256> txids, Hash256 block, Hash256 indexBest) {
            indexedTxids = txids;
            indexedBlock = block;
            txIndexBest = indexBest;
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
            if (txIndex && b.txIndexBest != null) {
                TxIndexTable.write(conn, b.indexedTxids, b.indexedBlock, b.txIndexBest);
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
            if (selectCoin != null) {
                selectCoin.close();
            }
            if (selectAnyOf != null) {
                selectAnyOf.close();
            }
            conn.close();
        } catch (SQLException e) {
            throw new IOException("cannot close the chain database: " + e.getMessage(), e);
        }
    }
}
