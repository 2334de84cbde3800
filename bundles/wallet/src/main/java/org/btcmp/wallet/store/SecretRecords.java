package org.btcmp.wallet.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The secrets table: private material by name, as stored (the caller encrypts and decrypts). */
public final class SecretRecords {
    /** A stored secret: its bytes and whether they are ciphertext. */
    public record Stored(byte[] bytes, boolean encrypted) {
    }

    private SecretRecords() {
    }

    public static void put(Connection c, String name, byte[] bytes, boolean encrypted) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT OR REPLACE INTO secrets (name, secret, encrypted) VALUES (?, ?, ?)")) {
            s.setString(1, name);
            s.setBytes(2, bytes);
            s.setInt(3, encrypted ? 1 : 0);
            s.executeUpdate();
        }
    }

    public static Optional<Stored> get(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT secret, encrypted FROM secrets WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Stored(r.getBytes(1), r.getInt(2) != 0)) : Optional.empty();
            }
        }
    }

    public static boolean exists(Connection c, String name) throws SQLException {
        return get(c, name).isPresent();
    }

    public static Map<String, Stored> all(Connection c) throws SQLException {
        Map<String, Stored> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name, secret, encrypted FROM secrets ORDER BY name");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), new Stored(r.getBytes(2), r.getInt(3) != 0));
            }
        }
        return out;
    }
}
