package org.btcmp.wallet.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The scripts table: every derived scriptPubKey with the descriptor and index it came from. */
public final class ScriptRecords {
    /** Where a script comes from and whether a transaction has paid it. */
    public record Row(byte[] script, String descriptorId, int index, boolean used) {
    }

    private ScriptRecords() {
    }

    public static void insert(Connection c, byte[] script, String descriptorId, int index) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO scripts (script, descriptor_id, idx) VALUES (?, ?, ?)")) {
            s.setBytes(1, script);
            s.setString(2, descriptorId);
            s.setInt(3, index);
            s.executeUpdate();
        }
    }

    public static Optional<Row> find(Connection c, byte[] script) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT descriptor_id, idx, used FROM scripts WHERE script = ?")) {
            s.setBytes(1, script);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Row(script, r.getString(1), r.getInt(2), r.getInt(3) != 0))
                        : Optional.empty();
            }
        }
    }

    public static Optional<byte[]> at(Connection c, String descriptorId, int index) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT script FROM scripts WHERE descriptor_id = ? AND idx = ?")) {
            s.setString(1, descriptorId);
            s.setInt(2, index);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }

    public static void markUsed(Connection c, byte[] script) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE scripts SET used = 1 WHERE script = ?")) {
            s.setBytes(1, script);
            s.executeUpdate();
        }
    }

    public static int count(Connection c, String descriptorId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM scripts WHERE descriptor_id = ?")) {
            s.setString(1, descriptorId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }
}
