package org.btcmp.node.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the BIP324 vector files (CSV with a header row; our own first line, naming the source, starts with #). */
final class Bip324Vectors {
    private Bip324Vectors() {
    }

    static List<Map<String, String>> read(String resource) throws IOException {
        try (InputStream in = Bip324Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
            String[] names = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] values = line.split(",", -1);
                if (values.length != names.length) {
                    throw new IOException(resource + ": " + values.length + " columns, header has " + names.length);
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < names.length; i++) {
                    row.put(names[i], values[i]);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
