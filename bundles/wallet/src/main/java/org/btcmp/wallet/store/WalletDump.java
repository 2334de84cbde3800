package org.btcmp.wallet.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.Hashes;

/**
 * The wallet tool's dump file in Core's format ({@code bitcoin-wallet dump}/{@code createfromdump}): the
 * line {@code BITCOIN_CORE_WALLET_DUMP,1}, then {@code format,sqlite}, one {@code <key hex>,<value hex>}
 * line per record, and {@code checksum,<hex>}: double SHA-256 over every line before it. Core's records
 * are its key-value pairs; ours are the rows of this wallet's tables, keyed as Core keys its records
 * (a compact-size-prefixed type string first): {@code btcmp_schema} (the schema version, uint32) and one
 * {@code btcmp_row} per row (table name, row number; the value holds the row's columns).
 */
public final class WalletDump {
    /** Core's DUMP_MAGIC and DUMP_VERSION. */
    public static final String MAGIC = "BITCOIN_CORE_WALLET_DUMP";
    public static final int VERSION = 1;
    private static final String SCHEMA_RECORD = "btcmp_schema";
    private static final String ROW_RECORD = "btcmp_row";
    private static final HexFormat HEX = HexFormat.of();

    private WalletDump() {
    }

    /** Writes every row of {@code db} to a new file {@code dumpFile}; returns the number of rows. */
    public static int dump(WalletDatabase db, Path dumpFile) {
        StringBuilder text = new StringBuilder();
        text.append(MAGIC).append(',').append(VERSION).append('\n');
        text.append("format,sqlite\n");
        ByteWriter schema = new ByteWriter().writeUInt32(Schema.VERSION);
        record(text, new ByteWriter().writeVarBytes(ascii(SCHEMA_RECORD)).toByteArray(), schema.toByteArray());
        int rows = db.read(c -> {
            int n = 0;
            for (String table : tables(c)) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    while (r.next()) {
                        byte[] key = new ByteWriter().writeVarBytes(ascii(ROW_RECORD))
                                .writeVarBytes(table.getBytes(StandardCharsets.UTF_8)).writeUInt32(n).toByteArray();
                        record(text, key, encodeRow(r));
                        n++;
                    }
                }
            }
            return n;
        });
        String checksum = checksum(text.toString()); // over every line before the checksum line
        text.append("checksum,").append(checksum).append('\n');
        try {
            Files.writeString(dumpFile, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new WalletFileException(WalletFileException.Reason.IO, "Cannot write dump file " + dumpFile + ": " + e, e);
        }
        return rows;
    }

    private static void record(StringBuilder text, byte[] key, byte[] value) {
        text.append(HEX.formatHex(key)).append(',').append(HEX.formatHex(value)).append('\n');
    }

    /**
     * Creates a new wallet in {@code walletDir} holding exactly the rows of {@code dumpFile}, after
     * checking it as Core's createfromdump does (identifier, version, format record, hex, checksum); no
     * wallet file is left when the dump is refused.
     *
     * @throws IllegalArgumentException with Core's wording for a dump that is damaged or of another kind
     */
    public static WalletDatabase createFromDump(Path dumpFile, Path walletDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dumpFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Dump file " + dumpFile + " could not be read: " + e.getMessage());
        }
        String[] magic = split(lines, 0);
        if (!magic[0].equals(MAGIC)) {
            throw new IllegalArgumentException("Error: Dumpfile identifier record is incorrect. Got \"" + magic[0]
                    + "\", expected \"" + MAGIC + "\".");
        }
        if (!magic[1].matches("[0-9]{1,10}") || Long.parseLong(magic[1]) > 0xffffffffL) {
            throw new IllegalArgumentException("Error: Unable to parse version " + magic[1] + " as a uint32_t");
        }
        if (Long.parseLong(magic[1]) != VERSION) {
            throw new IllegalArgumentException("Error: Dumpfile version is not supported. This version of bitcoin-wallet"
                    + " only supports version 1 dumpfiles. Got dumpfile with version " + magic[1]);
        }
        String[] format = split(lines, 1);
        if (!format[0].equals("format")) {
            throw new IllegalArgumentException("Error: Dumpfile format record is incorrect. Got \"" + format[0]
                    + "\", expected \"format\".");
        }
        if (!format[1].equals("sqlite")) {
            throw new IllegalArgumentException(format[1].equals("bdb")
                    ? "Error: Dumpfile is of a Berkeley DB wallet; this wallet writes only \"sqlite\" wallets."
                    : "Unknown wallet file format \"" + format[1] + "\" provided. Please provide one of \"bdb\" or \"sqlite\".");
        }
        StringBuilder hashed = new StringBuilder(magic[0] + "," + magic[1] + "\n" + format[0] + "," + format[1] + "\n");
        String expected = null;
        List<byte[][]> records = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            String[] kv = split(lines, i);
            if (kv[0].equals("checksum")) {
                if (!kv[1].matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalArgumentException("Error: Checksum is not the correct size");
                }
                expected = kv[1].toLowerCase(java.util.Locale.ROOT);
                break;
            }
            hashed.append(kv[0]).append(',').append(kv[1]).append('\n');
            if (kv[0].isEmpty() || kv[1].isEmpty()) {
                continue;
            }
            if (!isHex(kv[0])) {
                throw new IllegalArgumentException("Error: Got key that was not hex: " + kv[0]);
            }
            if (!isHex(kv[1])) {
                throw new IllegalArgumentException("Error: Got value that was not hex: " + kv[1]);
            }
            records.add(new byte[][] {HEX.parseHex(kv[0]), HEX.parseHex(kv[1])});
        }
        if (expected == null) {
            throw new IllegalArgumentException("Error: Missing checksum");
        }
        String computed = checksum(hashed.toString());
        if (!computed.equals(expected)) {
            throw new IllegalArgumentException("Error: Dumpfile checksum does not match. Computed " + computed
                    + ", expected " + expected);
        }
        List<Object[]> rows = new ArrayList<>(); // table, encoded row
        boolean schemaSeen = false;
        for (byte[][] record : records) {
            String hexKey = HEX.formatHex(record[0]);
            try {
                ByteReader key = new ByteReader(record[0]);
                String type = new String(key.readVarBytes("record type"), StandardCharsets.US_ASCII);
                if (type.equals(SCHEMA_RECORD)) {
                    long version = new ByteReader(record[1]).readUInt32("schema version");
                    if (version != Schema.VERSION) {
                        throw new IllegalArgumentException("Error: Dumpfile is of wallet schema " + version
                                + ", this software writes schema " + Schema.VERSION);
                    }
                    schemaSeen = true;
                } else if (type.equals(ROW_RECORD)) {
                    rows.add(new Object[] {new String(key.readVarBytes("table"), StandardCharsets.UTF_8), record[1]});
                } else {
                    throw new IllegalArgumentException("Error: Dumpfile record " + hexKey
                            + " is not one of this wallet's (a Bitcoin Core wallet's dump cannot be loaded here)");
                }
            } catch (org.btcmp.primitives.DecodeException e) {
                throw new IllegalArgumentException("Error: Dumpfile record key " + hexKey + " is malformed: " + e.getMessage());
            }
        }
        if (!schemaSeen) {
            throw new IllegalArgumentException("Error: Dumpfile has no " + SCHEMA_RECORD + " record: not a btcmp wallet dump");
        }
        return WalletDatabase.create(walletDir, c -> {
            List<String> known = tables(c);
            try (Statement s = c.createStatement()) {
                for (String table : known) {
                    s.execute("DELETE FROM \"" + table + "\""); // a fresh file has no rows; keep the dump's exactly
                }
            }
            for (Object[] row : rows) {
                String table = (String) row[0];
                if (!known.contains(table)) {
                    throw new IllegalArgumentException("Error: Dumpfile names a table this wallet does not have: " + table);
                }
                insert(c, table, (byte[]) row[1]);
            }
            return null;
        });
    }

    /** Line {@code i} split at its first comma (Core reads key up to ',' and value up to the line end). */
    private static String[] split(List<String> lines, int i) {
        String line = i < lines.size() ? lines.get(i) : "";
        int comma = line.indexOf(',');
        return comma < 0 ? new String[] {line, ""} : new String[] {line.substring(0, comma), line.substring(comma + 1)};
    }

    private static boolean isHex(String s) {
        return s.length() % 2 == 0 && s.matches("[0-9a-fA-F]+");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Core's checksum: HexStr of the double SHA-256 of the lines, bytes in hash order. */
    private static String checksum(String text) {
        return HEX.formatHex(Hashes.sha256d(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The wallet's tables in creation order (so rows referenced by others come first). */
    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    /** Each column as a type byte (0 null, 1 integer, 2 text, 3 blob) and its value. */
    private static byte[] encodeRow(ResultSet r) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultSetMetaData meta = r.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object v = r.getObject(i);
            if (v == null) {
                out.write(0);
            } else if (v instanceof Number n && meta.getColumnType(i) != Types.REAL) {
                out.write(1);
                out.writeBytes(ByteBuffer.allocate(8).putLong(n.longValue()).array());
            } else if (v instanceof byte[] b) {
                out.write(3);
                out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
                out.writeBytes(b);
            } else {
                byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
                out.write(2);
                out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    private static void insert(Connection c, String table, byte[] encoded) throws SQLException {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        List<Object> values = new ArrayList<>();
        try {
            while (in.hasRemaining()) {
                int type = in.get();
                switch (type) {
                    case 0 -> values.add(null);
                    case 1 -> values.add(in.getLong());
                    case 2, 3 -> {
                        byte[] b = new byte[in.getInt()];
                        in.get(b);
                        values.add(type == 2 ? new String(b, StandardCharsets.UTF_8) : b);
                    }
                    default -> throw new IllegalArgumentException("Error: Dumpfile record has an unknown value type " + type);
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Error: Dumpfile record for table " + table + " is malformed", e);
        }
        String marks = String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO \"" + table + "\" VALUES (" + marks + ")")) {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            s.executeUpdate();
        }
    }
}
