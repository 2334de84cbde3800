package org.btcmp.wallet.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** Core's mapValue of wallet transactions: named string facts (replaces_txid, replaced_by_txid). */
public final class TxValueRecords {
    private TxValueRecords() {
    }

    public static void put(Connection c, String txid, String key, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO tx_values VALUES (?, ?, ?)")) {
            s.setString(1, txid);
            s.setString(2, key);
            s.setString(3, value);
            s.executeUpdate();
        }
    }

    /** The transactions that have a value under any of {@code keys}. */
    public static java.util.Set<String> withAnyOf(Connection c, String... keys) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT txid FROM tx_values WHERE key IN ("
                + String.join(", ", java.util.Collections.nCopies(keys.length, "?")) + ")")) {
            for (int i = 0; i < keys.length; i++) {
                s.setString(i + 1, keys[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    /** The transaction's values sorted by key, as Core's std::map iterates them. */
    public static Map<String, String> all(Connection c, String txid) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT key, value FROM tx_values WHERE txid = ?")) {
            s.setString(1, txid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getString(2));
                }
            }
        }
        return out;
    }
}
