package org.btcmp.wallet.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The meta table: small named facts about the wallet. */
public final class MetaRecords {
    private MetaRecords() {
    }

    public static void put(Connection c, String key, byte[] value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
            s.setString(1, key);
            s.setBytes(2, value);
            s.executeUpdate();
        }
    }

    public static void putString(Connection c, String key, String value) throws SQLException {
        put(c, key, value.getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<byte[]> get(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }

    public static Optional<String> getString(Connection c, String key) throws SQLException {
        return get(c, key).map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
