package org.btcmp.wallet.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The wallet's transactions (wallet_tx), the outputs of them that pay the wallet (wallet_outputs) and
 * the outpoints they spend (wallet_spends). All calls run inside the caller's transaction.
 */
public final class TxRecords {
    /**
     * A wallet transaction: confirmed when {@code blockHeight} is present; conflicted when a block's
     * transaction spent one of the same outpoints (or one of its ancestors'): {@code conflictBlock} names that block.
     */
    public record Tx(String txid, byte[] raw, boolean coinbase, Optional<String> blockHash, Optional<Integer> blockHeight,
            boolean inMempool, Optional<String> conflictBlock, long received, boolean abandoned) {
        public boolean conflicted() {
            return conflictBlock.isPresent();
        }
    }

    /** An output paying the wallet, with the state of the transaction that created it. */
    public record Output(String txid, int vout, long value, byte[] script, boolean change) {
    }

    private TxRecords() {
    }

    public static Optional<Tx> find(Connection c, String txid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT_TX + " WHERE txid = ?")) {
            s.setString(1, txid);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(tx(r)) : Optional.empty();
            }
        }
    }

    /** Every wallet transaction in the order the wallet first saw them. */
    public static List<Tx> all(Connection c) throws SQLException {
        List<Tx> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SELECT_TX + " ORDER BY seq");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(tx(r));
            }
        }
        return out;
    }

    public static void insert(Connection c, String txid, byte[] raw, boolean coinbase, boolean inMempool, long received)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO wallet_tx (txid, raw, coinbase, in_mempool, received,"
                + " seq) VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM wallet_tx))")) {
            s.setString(1, txid);
            s.setBytes(2, raw);
            s.setInt(3, coinbase ? 1 : 0);
            s.setInt(4, inMempool ? 1 : 0);
            s.setLong(5, received);
            s.executeUpdate();
        }
    }

    /** Records the block that confirms {@code txid}; a confirmed transaction is no longer conflicted. */
    public static void confirm(Connection c, String txid, String blockHash, int height) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE wallet_tx SET block_hash = ?, block_height = ?, conflict_block = NULL, abandoned = 0 WHERE txid = ?")) {
            s.setString(1, blockHash);
            s.setInt(2, height);
            s.setString(3, txid);
            s.executeUpdate();
        }
    }

    /** Turns the transactions of a disconnected block back to unconfirmed and lifts the conflicts it caused. */
    public static void disconnectBlock(Connection c, String blockHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE wallet_tx SET block_hash = NULL, block_height = NULL WHERE block_hash = ?")) {
            s.setString(1, blockHash);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE wallet_tx SET conflict_block = NULL WHERE conflict_block = ?")) {
            s.setString(1, blockHash);
            s.executeUpdate();
        }
    }

    /**
     * Marks an unconfirmed {@code txid} conflicted by {@code blockHash}, and with it every unconfirmed
     * wallet transaction spending its outputs (Core's MarkConflicted walks the descendants too).
     */
    public static void markConflicted(Connection c, String txid, String blockHash) throws SQLException {
        int changed;
        try (PreparedStatement s = c.prepareStatement("UPDATE wallet_tx SET conflict_block = ? WHERE txid = ?"
                + " AND block_hash IS NULL AND (conflict_block IS NULL OR conflict_block <> ?)")) {
            s.setString(1, blockHash);
            s.setString(2, txid);
            s.setString(3, blockHash);
            changed = s.executeUpdate();
        }
        if (changed == 0) {
            return; // confirmed, unknown, or already marked by this block (descendants done then)
        }
        List<String> children = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT spender FROM wallet_spends WHERE txid = ?")) {
            s.setString(1, txid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    children.add(r.getString(1));
                }
            }
        }
        for (String child : children) {
            markConflicted(c, child, blockHash);
        }
    }

    public static void setInMempool(Connection c, String txid, boolean inMempool) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(inMempool
                ? "UPDATE wallet_tx SET in_mempool = 1, abandoned = 0 WHERE txid = ?"
                : "UPDATE wallet_tx SET in_mempool = 0 WHERE txid = ?")) {
            s.setString(1, txid);
            s.executeUpdate();
        }
    }

    /**
     * Core's abandontransaction: marks {@code txid} and every wallet transaction spending its outputs
     * (recursively) abandoned, so the coins they spend count as unspent again.
     */
    public static void abandon(Connection c, String txid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE wallet_tx SET abandoned = 1 WHERE txid = ?")) {
            s.setString(1, txid);
            s.executeUpdate();
        }
        List<String> children = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT s.spender FROM wallet_spends s JOIN wallet_tx t ON t.txid = s.spender"
                + " WHERE s.txid = ? AND t.abandoned = 0 AND t.block_hash IS NULL")) {
            s.setString(1, txid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    children.add(r.getString(1));
                }
            }
        }
        for (String child : children) {
            abandon(c, child);
        }
    }

    public static void addOutput(Connection c, Output o) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT OR IGNORE INTO wallet_outputs (txid, vout, value, script, change) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, o.txid());
            s.setInt(2, o.vout());
            s.setLong(3, o.value());
            s.setBytes(4, o.script());
            s.setInt(5, o.change() ? 1 : 0);
            s.executeUpdate();
        }
    }

    public static Optional<Output> output(Connection c, String txid, int vout) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT txid, vout, value, script, change FROM wallet_outputs WHERE txid = ? AND vout = ?")) {
            s.setString(1, txid);
            s.setInt(2, vout);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(output(r)) : Optional.empty();
            }
        }
    }

    public static void addSpend(Connection c, String txid, int vout, String spender) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT OR IGNORE INTO wallet_spends (txid, vout, spender) VALUES (?, ?, ?)")) {
            s.setString(1, txid);
            s.setInt(2, vout);
            s.setString(3, spender);
            s.executeUpdate();
        }
    }

    /** The wallet transactions spending an outpoint, conflicted ones included. */
    public static List<String> spenders(Connection c, String txid, int vout) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT spender FROM wallet_spends WHERE txid = ? AND vout = ?")) {
            s.setString(1, txid);
            s.setInt(2, vout);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    /** The scripts of wallet outputs that some wallet transaction spends (Core's used destinations). */
    public static List<byte[]> spentFromScripts(Connection c) throws SQLException {
        List<byte[]> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT o.script FROM wallet_outputs o"
                + " JOIN wallet_spends s ON s.txid = o.txid AND s.vout = o.vout");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getBytes(1));
            }
        }
        return out;
    }

    /**
     * The wallet's outputs of transactions that are neither conflicted nor abandoned and that no
     * such wallet transaction spends (Core's coins before depth and trust are considered).
     */
    public static List<Output> unspent(Connection c) throws SQLException {
        List<Output> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT o.txid, o.vout, o.value, o.script, o.change"
                + " FROM wallet_outputs o JOIN wallet_tx t ON t.txid = o.txid WHERE t.conflict_block IS NULL"
                + " AND t.abandoned = 0"
                + " AND NOT EXISTS (SELECT 1 FROM wallet_spends s JOIN wallet_tx st ON st.txid = s.spender"
                + " WHERE s.txid = o.txid AND s.vout = o.vout AND st.conflict_block IS NULL AND st.abandoned = 0)"
                + " ORDER BY t.seq, o.vout");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(output(r));
            }
        }
        return out;
    }

    private static final String SELECT_TX = "SELECT txid, raw, coinbase, block_hash, block_height, in_mempool,"
            + " conflict_block, received, abandoned FROM wallet_tx";

    private static Tx tx(ResultSet r) throws SQLException {
        int height = r.getInt(5);
        boolean confirmed = !r.wasNull();
        return new Tx(r.getString(1), r.getBytes(2), r.getInt(3) != 0, Optional.ofNullable(r.getString(4)),
                confirmed ? Optional.of(height) : Optional.empty(), r.getInt(6) != 0, Optional.ofNullable(r.getString(7)),
                r.getLong(8), r.getInt(9) != 0);
    }

    private static Output output(ResultSet r) throws SQLException {
        return new Output(r.getString(1), r.getInt(2), r.getLong(3), r.getBytes(4), r.getInt(5) != 0);
    }
}
