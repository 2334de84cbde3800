package org.btcmp.wallet.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The descriptors table: each descriptor's public text, role and keypool position. */
public final class DescriptorRecords {
    /**
     * One row. {@code nextIndex} is the first index never handed out; {@code rangeEnd} the first index
     * whose script is not derived yet.
     */
    public record Row(String id, String descriptor, String outputType, boolean internal, boolean active,
            int nextIndex, int rangeEnd, long created) {
    }

    private DescriptorRecords() {
    }

    public static void insert(Connection c, Row row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO descriptors (id, descriptor, output_type, internal,"
                + " active, next_index, range_end, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, row.id());
            s.setString(2, row.descriptor());
            s.setString(3, row.outputType());
            s.setInt(4, row.internal() ? 1 : 0);
            s.setInt(5, row.active() ? 1 : 0);
            s.setInt(6, row.nextIndex());
            s.setInt(7, row.rangeEnd());
            s.setLong(8, row.created());
            s.executeUpdate();
        }
    }

    public static void setIndexes(Connection c, String id, int nextIndex, int rangeEnd) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE descriptors SET next_index = ?, range_end = ? WHERE id = ?")) {
            s.setInt(1, nextIndex);
            s.setInt(2, rangeEnd);
            s.setString(3, id);
            if (s.executeUpdate() != 1) {
                throw new SQLException("no descriptor with id " + id);
            }
        }
    }

    /** Makes no descriptor active for this output type and role any more (before activating another). */
    public static void deactivate(Connection c, String outputType, boolean internal) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE descriptors SET active = 0 WHERE output_type = ? AND internal = ?")) {
            s.setString(1, outputType);
            s.setInt(2, internal ? 1 : 0);
            s.executeUpdate();
        }
    }

    public static void setRole(Connection c, String id, boolean active, boolean internal) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE descriptors SET active = ?, internal = ? WHERE id = ?")) {
            s.setInt(1, active ? 1 : 0);
            s.setInt(2, internal ? 1 : 0);
            s.setString(3, id);
            s.executeUpdate();
        }
    }

    public static java.util.Optional<Row> find(Connection c, String id) throws SQLException {
        return query(c, "SELECT * FROM descriptors WHERE id = ?", id).stream().findFirst();
    }

    public static Row get(Connection c, String id) throws SQLException {
        for (Row row : query(c, "SELECT * FROM descriptors WHERE id = ?", id)) {
            return row;
        }
        throw new SQLException("no descriptor with id " + id);
    }

    public static List<Row> all(Connection c) throws SQLException {
        return query(c, "SELECT * FROM descriptors ORDER BY created, rowid", null);
    }

    private static List<Row> query(Connection c, String sql, String arg) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (arg != null) {
                s.setString(1, arg);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString("id"), r.getString("descriptor"), r.getString("output_type"),
                            r.getInt("internal") != 0, r.getInt("active") != 0, r.getInt("next_index"),
                            r.getInt("range_end"), r.getLong("created")));
                }
            }
        }
        return rows;
    }
}
