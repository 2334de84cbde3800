package org.btcmp.wallet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version-1 wallet file gains the later tables and columns when opened, keeping its content. */
class SchemaUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void versionOneFileIsUpgradedOnOpenAndKeepsItsContent() {
        try (WalletDatabase db = WalletDatabase.create(dir)) {
            db.write(c -> {
                MetaRecords.putString(c, "network", "regtest");
                try (Statement s = c.createStatement()) {
                    for (String table : new String[] {"tx_values", "wallet_spends", "wallet_outputs", "wallet_tx",
                            "synced_blocks"}) {
                        s.execute("DROP TABLE " + table);
                    }
                    s.execute("PRAGMA user_version = 1");
                }
                return null;
            });
        }
        try (WalletDatabase db = WalletDatabase.open(dir)) {
            db.read(c -> {
                assertEquals("regtest", MetaRecords.getString(c, "network").orElseThrow());
                try (Statement s = c.createStatement(); var r = s.executeQuery("PRAGMA user_version")) {
                    r.next();
                    assertEquals(Schema.VERSION, r.getInt(1));
                }
                TxRecords.insert(c, "00".repeat(32), new byte[] {1}, false, true, 5);
                assertTrue(TxRecords.find(c, "00".repeat(32)).isPresent());
                TxValueRecords.put(c, "00".repeat(32), "replaced_by_txid", "11".repeat(32));
                assertEquals(java.util.Map.of("replaced_by_txid", "11".repeat(32)), TxValueRecords.all(c, "00".repeat(32)));
                assertTrue(SyncRecords.tip(c).isEmpty());
                return null;
            });
        }
    }
}
