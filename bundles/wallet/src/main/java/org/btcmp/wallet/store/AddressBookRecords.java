package org.btcmp.wallet.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The address book: labels and purposes ("receive", "send") of addresses, as Core keeps them. */
public final class AddressBookRecords {
    /** A label entry. */
    public record Entry(String address, String label, String purpose) {
    }

    private AddressBookRecords() {
    }

    public static void put(Connection c, Entry entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT OR REPLACE INTO address_book (address, label, purpose) VALUES (?, ?, ?)")) {
            s.setString(1, entry.address());
            s.setString(2, entry.label());
            s.setString(3, entry.purpose());
            s.executeUpdate();
        }
    }

    public static Optional<Entry> get(Connection c, String address) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT label, purpose FROM address_book WHERE address = ?")) {
            s.setString(1, address);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Entry(address, r.getString(1), r.getString(2))) : Optional.empty();
            }
        }
    }
}
