package org.btcmp.launcher.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.btcmp.common.json.Json;

/**
 * Turns command-line words into JSON-RPC params as bitcoin-cli does: an argument the table marks
 * JSON is parsed as JSON (an error if it is not), JSON_OR_STRING falls back to the raw string, every
 * other argument is a string. With {@code -named}, {@code name=value} words become named params and
 * words without '=' positional ones (sent as {@code "args"}), with Core's rules for values holding '='.
 */
final class ParamConversion {
    enum Format { JSON, STRING, JSON_OR_STRING }

    record Param(String method, int index, String name, Format format) {
    }

    private static final String TABLE_RESOURCE = "rpc-convert-params.tsv";
    private final List<Param> table;

    ParamConversion(List<Param> table) {
        this.table = List.copyOf(table);
    }

    /** Core's table, from the resource next to this class. */
    static ParamConversion core() {
        try (InputStream in = ParamConversion.class.getResourceAsStream(TABLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TABLE_RESOURCE + " is missing from the launcher jar");
            }
            List<Param> params = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                params.add(new Param(f[0], Integer.parseInt(f[1]), f[2], f.length > 3 ? Format.valueOf(f[3]) : Format.JSON));
            }
            return new ParamConversion(params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Param> byPosition(String method, int index) {
        return table.stream().filter(p -> p.method.equals(method) && p.index == index).findFirst();
    }

    private Optional<Param> byName(String method, String name) {
        return table.stream().filter(p -> p.method.equals(method) && p.name.equals(name)).findFirst();
    }

    /** Positional params (no -named). */
    List<Object> positional(String method, List<String> words) throws Json.ParseException {
        List<Object> params = new ArrayList<>();
        for (String word : words) {
            params.add(convert(byPosition(method, params.size()), word));
        }
        return params;
    }

    /** Named params (-named), with positional words gathered under {@code "args"}. */
    Map<String, Object> named(String method, List<String> words) throws Json.ParseException {
        Map<String, Object> params = new LinkedHashMap<>();
        List<Object> positional = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                positional.add(convert(byPosition(method, positional.size()), word));
                continue;
            }
            String name = word.substring(0, eq);
            Optional<Param> named = byName(method, name);
            if (named.isEmpty()) {
                // An unknown name: the whole word may be the next positional value (a JSON list
                // holding '=', or a string parameter that may contain it).
                Optional<Param> next = byPosition(method, positional.size());
                if (next.isPresent() && next.get().format == Format.JSON) {
                    try {
                        positional.add(Json.parseKeepingNumberText(word));
                        continue;
                    } catch (Json.ParseException notJson) {
                        // then it is name=value after all
                    }
                } else if (next.isPresent() && next.get().format == Format.STRING) {
                    positional.add(word);
                    continue;
                }
            }
            params.put(name, convert(named, word.substring(eq + 1))); // a later value for a name wins
        }
        if (!positional.isEmpty() && !params.containsKey("args")) {
            params.put("args", positional);
        }
        return params;
    }

    private static Object convert(Optional<Param> param, String raw) throws Json.ParseException {
        if (param.isEmpty() || param.get().format == Format.STRING) {
            return raw;
        }
        try {
            return Json.parseKeepingNumberText(raw);
        } catch (Json.ParseException e) {
            if (param.get().format == Format.JSON_OR_STRING) {
                return raw;
            }
            throw new Json.ParseException("Error parsing JSON: " + raw, e.position());
        }
    }
}
