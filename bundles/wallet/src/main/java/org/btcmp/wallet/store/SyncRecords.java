package org.btcmp.wallet.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.btcmp.interfaces.BlockRef;

/** The blocks the wallet processed (synced_blocks): its view of the active chain, tip last. */
public final class SyncRecords {
    private SyncRecords() {
    }

    public static Optional<BlockRef> tip(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT hash, height FROM synced_blocks ORDER BY height DESC LIMIT 1");
                ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(new BlockRef(r.getString(1), r.getInt(2))) : Optional.empty();
        }
    }

    public static Optional<String> hashAt(Connection c, int height) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT hash FROM synced_blocks WHERE height = ?")) {
            s.setInt(1, height);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** The height of a processed block, empty when the wallet's view of the chain does not hold it. */
    public static Optional<Integer> heightOf(Connection c, String hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT height FROM synced_blocks WHERE hash = ?")) {
            s.setString(1, hash);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getInt(1)) : Optional.empty();
            }
        }
    }

    /** Records a processed block as the new tip (replacing whatever was at its height). */
    public static void connect(Connection c, BlockRef block) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO synced_blocks (height, hash) VALUES (?, ?)")) {
            s.setInt(1, block.height());
            s.setString(2, block.hash());
            s.executeUpdate();
        }
    }

    /** Forgets the blocks at or above {@code height}. */
    public static void truncate(Connection c, int height) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM synced_blocks WHERE height >= ?")) {
            s.setInt(1, height);
            s.executeUpdate();
        }
    }
}
