package org.btcmp.wallet.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

/**
 * The wallet tool's dump file (as Core's {@code bitcoin-wallet dump}/{@code createfromdump}): a header
 * naming the format and schema, one line per row of every table ({@code row,<table hex>,<row hex>}),
 * and a SHA-256 checksum over everything before it, so a damaged or edited dump is refused.
 */
public final class WalletDump {
    /** Our identifier (not Core's: the records inside are this wallet's tables, not Core's key-value pairs). */
    public static final String MAGIC = "BTCMP_WALLET_DUMP";
    public static final int VERSION = 1;
    private static final HexFormat HEX = HexFormat.of();

    private WalletDump() {
    }

    /** Writes every row of {@code db} to a new file {@code dumpFile}; returns the number of rows. */
    public static int dump(WalletDatabase db, Path dumpFile) {
        StringBuilder text = new StringBuilder();
        text.append(MAGIC).append(',').append(VERSION).append('\n');
        text.append("format,sqlite\n");
        text.append("schema,").append(Schema.VERSION).append('\n');
        int rows = db.read(c -> {
            int n = 0;
            for (String table : tables(c)) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    while (r.next()) {
                        text.append("row,").append(HEX.formatHex(table.getBytes(StandardCharsets.UTF_8))).append(',')
                                .append(HEX.formatHex(encodeRow(r))).append('\n');
                        n++;
                    }
                }
            }
            return n;
        });
        String checksum = sha256(text.toString()); // over everything before the checksum line
        text.append("checksum,").append(checksum).append('\n');
        try {
            Files.writeString(dumpFile, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new WalletFileException(WalletFileException.Reason.IO, "Cannot write dump file " + dumpFile + ": " + e, e);
        }
        return rows;
    }

    /**
     * Creates a new wallet in {@code walletDir} holding exactly the rows of {@code dumpFile}, after
     * checking its header and checksum; no wallet file is left when the dump is refused.
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
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC + "," + VERSION)) {
            throw new IllegalArgumentException("Error: Dumpfile identifier record is incorrect. Got \""
                    + (lines.isEmpty() ? "" : lines.get(0)) + "\", expected \"" + MAGIC + "," + VERSION + "\".");
        }
        String last = lines.get(lines.size() - 1);
        if (!last.startsWith("checksum,")) {
            throw new IllegalArgumentException("Error: Checksum is not the correct size");
        }
        StringBuilder body = new StringBuilder();
        for (String line : lines.subList(0, lines.size() - 1)) {
            body.append(line).append('\n');
        }
        String computed = sha256(body.toString());
        String expected = last.substring("checksum,".length());
        if (!computed.equals(expected)) {
            throw new IllegalArgumentException("Error: Dumpfile checksum does not match. Computed " + computed
                    + ", expected " + expected);
        }
        if (lines.size() < 4 || !lines.get(1).equals("format,sqlite")) {
            throw new IllegalArgumentException("Error: Dumpfile format record is incorrect. Got \""
                    + (lines.size() > 1 ? lines.get(1) : "") + "\", expected \"format,sqlite\".");
        }
        if (!lines.get(2).equals("schema," + Schema.VERSION)) {
            throw new IllegalArgumentException("Error: Dumpfile is of wallet schema " + lines.get(2).replace("schema,", "")
                    + ", this software writes schema " + Schema.VERSION);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(3, lines.size() - 1)) {
            String[] parts = line.split(",", -1);
            if (parts.length != 3 || !parts[0].equals("row")) {
                throw new IllegalArgumentException("Error: Dumpfile record is malformed: " + line);
            }
            rows.add(parts);
        }
        return WalletDatabase.create(walletDir, c -> {
            List<String> known = tables(c);
            try (Statement s = c.createStatement()) {
                for (String table : known) {
                    s.execute("DELETE FROM \"" + table + "\""); // a fresh file has no rows; keep the dump's exactly
                }
            }
            for (String[] row : rows) {
                String table;
                byte[] values;
                try {
                    table = new String(HEX.parseHex(row[1]), StandardCharsets.UTF_8);
                    values = HEX.parseHex(row[2]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Error: Dumpfile record is not hex: " + String.join(",", row));
                }
                if (!known.contains(table)) {
                    throw new IllegalArgumentException("Error: Dumpfile names a table this wallet does not have: " + table);
                }
                insert(c, table, values);
            }
            return null;
        });
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

    private static String sha256(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
