package org.btcmp.wallet.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The wallet file's tables. SQLite's {@code application_id} marks a btcmp wallet and its
 * {@code user_version} is the schema version; {@link #upgrade} brings older files forward in the
 * same transaction that opens them.
 */
final class Schema {
    /** "btcw": tells a btcmp wallet from any other SQLite file. */
    static final int APPLICATION_ID = 0x62746377;
    static final int VERSION = 4;

    private static final String[] VERSION_1 = {
        // Small facts about the wallet: network, creation time, encryption parameters, flags.
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
        // Descriptors with their public text (checksummed), role and keypool position. next_index is
        // the first index never handed out; range_end the first index not yet derived (lookahead).
        "CREATE TABLE descriptors (id TEXT PRIMARY KEY, descriptor TEXT NOT NULL UNIQUE,"
            + " output_type TEXT, internal INTEGER NOT NULL, active INTEGER NOT NULL,"
            + " next_index INTEGER NOT NULL, range_end INTEGER NOT NULL, created INTEGER NOT NULL)",
        // Private material by name (a descriptor's private text, the mnemonic): plaintext, or
        // AES-256-CBC under the master key once the wallet is encrypted.
        "CREATE TABLE secrets (name TEXT PRIMARY KEY, secret BLOB NOT NULL, encrypted INTEGER NOT NULL)",
        // Every derived scriptPubKey, so a payment to any of them is recognised.
        "CREATE TABLE scripts (script BLOB PRIMARY KEY, descriptor_id TEXT NOT NULL REFERENCES descriptors(id),"
            + " idx INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0, UNIQUE (descriptor_id, idx))",
        // Labels and purposes of addresses (Core's address book).
        "CREATE TABLE address_book (address TEXT PRIMARY KEY, label TEXT NOT NULL, purpose TEXT NOT NULL)",
    };

    private static final String[] VERSION_2 = {
        // Transactions that pay the wallet or spend its coins. block_hash/block_height are NULL while
        // unconfirmed; conflict_block names the block whose transaction double-spent this one.
        "CREATE TABLE wallet_tx (txid TEXT PRIMARY KEY, raw BLOB NOT NULL, coinbase INTEGER NOT NULL,"
            + " block_hash TEXT, block_height INTEGER, in_mempool INTEGER NOT NULL, conflict_block TEXT,"
            + " received INTEGER NOT NULL, seq INTEGER NOT NULL)",
        "CREATE INDEX wallet_tx_block ON wallet_tx (block_hash)",
        // The outputs of wallet transactions that pay the wallet's own scripts.
        "CREATE TABLE wallet_outputs (txid TEXT NOT NULL REFERENCES wallet_tx(txid), vout INTEGER NOT NULL,"
            + " value INTEGER NOT NULL, script BLOB NOT NULL, change INTEGER NOT NULL, PRIMARY KEY (txid, vout))",
        // Which wallet transactions spend which outpoints (more than one when they conflict).
        "CREATE TABLE wallet_spends (txid TEXT NOT NULL, vout INTEGER NOT NULL,"
            + " spender TEXT NOT NULL REFERENCES wallet_tx(txid), PRIMARY KEY (txid, vout, spender))",
        // The blocks the wallet has processed on its view of the active chain: finds the fork point
        // after a reorg that happened while the wallet was not running.
        "CREATE TABLE synced_blocks (height INTEGER PRIMARY KEY, hash TEXT NOT NULL)",
    };

    private static final String[] VERSION_3 = {
        // Core's abandontransaction: an unconfirmed transaction out of the mempool whose inputs the
        // wallet may spend again; cleared when the transaction shows up in a block or the mempool.
        "ALTER TABLE wallet_tx ADD COLUMN abandoned INTEGER NOT NULL DEFAULT 0",
        // Insertion order: each new transaction takes MAX(seq) + 1, which must not scan the table.
        "CREATE UNIQUE INDEX wallet_tx_seq ON wallet_tx (seq)",
    };

    private static final String[] VERSION_4 = {
        // Core's mapValue: named facts about a wallet transaction, e.g. bumpfee's replaces_txid and
        // replaced_by_txid, which gettransaction and listtransactions show.
        "CREATE TABLE tx_values (txid TEXT NOT NULL REFERENCES wallet_tx(txid), key TEXT NOT NULL,"
            + " value TEXT NOT NULL, PRIMARY KEY (txid, key))",
    };

    private Schema() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : VERSION_1) {
                s.execute(ddl);
            }
            for (String ddl : VERSION_2) {
                s.execute(ddl);
            }
            for (String ddl : VERSION_3) {
                s.execute(ddl);
            }
            for (String ddl : VERSION_4) {
                s.execute(ddl);
            }
            s.execute("PRAGMA application_id = " + APPLICATION_ID);
            s.execute("PRAGMA user_version = " + VERSION);
        }
    }

    /** Brings a verified file of an older version up to {@link #VERSION}, in the caller's transaction. */
    static void upgrade(Connection c) throws SQLException {
        int version;
        try (Statement s = c.createStatement(); var r = s.executeQuery("PRAGMA user_version")) {
            version = r.next() ? r.getInt(1) : 0;
        }
        if (version < 1) {
            throw new WalletFileException(WalletFileException.Reason.NOT_A_WALLET,
                    "Wallet file has schema version " + version + ", which no btcmp release wrote");
        }
        if (version < 2) {
            try (Statement s = c.createStatement()) {
                for (String ddl : VERSION_2) {
                    s.execute(ddl);
                }
                s.execute("PRAGMA user_version = 2");
            }
        }
        if (version < 3) {
            try (Statement s = c.createStatement()) {
                for (String ddl : VERSION_3) {
                    s.execute(ddl);
                }
                s.execute("PRAGMA user_version = 3");
            }
        }
        if (version < 4) {
            try (Statement s = c.createStatement()) {
                for (String ddl : VERSION_4) {
                    s.execute(ddl);
                }
                s.execute("PRAGMA user_version = 4");
            }
        }
    }
}
