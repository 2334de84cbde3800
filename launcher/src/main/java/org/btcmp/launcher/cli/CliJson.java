package org.btcmp.launcher.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as bitcoin-cli handles it: values are {@code Map} (insertion order), {@code List},
 * {@code String}, {@code Boolean}, {@link Num} (the number's text, kept exactly as the server wrote
 * it) and {@link #NULL}; written compactly for requests and with UniValue's two-space layout for
 * output ({@code []} and {@code {}} print as an opening and a closing line, as bitcoin-cli does).
 */
final class CliJson {
    /** JSON null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number, as its text. */
    record Num(String text) {
    }

    /** Text that is not one JSON value; the message says what and where. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 512;
    private final String s;
    private int pos;

    private CliJson(String s) {
        this.s = s;
    }

    static Object parse(String text) throws ParseException {
        CliJson p = new CliJson(text);
        p.ws();
        Object v = p.value(0);
        p.ws();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return v;
    }

    private ParseException error(String what) {
        return new ParseException(what + " at offset " + pos);
    }

    private void ws() {
        while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private Object value(int depth) throws ParseException {
        if (depth > MAX_DEPTH) {
            throw error("nesting too deep");
        }
        if (pos >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> number();
        };
    }

    private Object literal(String word, Object value) throws ParseException {
        if (!s.startsWith(word, pos)) {
            throw error("unexpected character");
        }
        pos += word.length();
        return value;
    }

    private Num number() throws ParseException {
        int start = pos;
        if (pos < s.length() && s.charAt(pos) == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos == digits || s.charAt(digits) == '0' && pos - digits > 1) {
            throw error("invalid number");
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            int frac = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos == frac) {
                throw error("invalid number");
            }
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            int exp = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos == exp) {
                throw error("invalid number");
            }
        }
        return new Num(s.substring(start, pos));
    }

    private String string() throws ParseException {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= s.length()) {
                throw error("unterminated escape");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw error("short unicode escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad unicode escape");
                    }
                    pos += 4;
                }
                default -> throw error("bad escape");
            }
        }
    }

    private List<Object> array(int depth) throws ParseException {
        pos++;
        List<Object> out = new ArrayList<>();
        ws();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            return out;
        }
        while (true) {
            ws();
            out.add(value(depth + 1));
            ws();
            if (pos >= s.length()) {
                throw error("unterminated array");
            }
            char c = s.charAt(pos++);
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private Map<String, Object> object(int depth) throws ParseException {
        pos++;
        Map<String, Object> out = new LinkedHashMap<>();
        ws();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            return out;
        }
        while (true) {
            ws();
            if (pos >= s.length() || s.charAt(pos) != '"') {
                throw error("expected a key");
            }
            String key = string();
            ws();
            if (pos >= s.length() || s.charAt(pos++) != ':') {
                throw error("expected ':'");
            }
            ws();
            out.put(key, value(depth + 1));
            ws();
            if (pos >= s.length()) {
                throw error("unterminated object");
            }
            char c = s.charAt(pos++);
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    /** Compact JSON, for requests. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, -1, 0, out);
        return out.toString();
    }

    /** UniValue's write(2): two spaces per level, {@code "key": value}. */
    static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, 2, 0, out);
        return out.toString();
    }

    private static void write(Object v, int indent, int level, StringBuilder out) {
        if (v instanceof Map<?, ?> map) {
            out.append('{');
            newline(indent, out);
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                pad(indent, level + 1, out);
                quote(e.getKey().toString(), out);
                out.append(indent < 0 ? ":" : ": ");
                write(e.getValue(), indent, level + 1, out);
                if (++i < map.size()) {
                    out.append(',');
                }
                newline(indent, out);
            }
            pad(indent, level, out);
            out.append('}');
        } else if (v instanceof List<?> list) {
            out.append('[');
            newline(indent, out);
            for (int i = 0; i < list.size(); i++) {
                pad(indent, level + 1, out);
                write(list.get(i), indent, level + 1, out);
                if (i + 1 < list.size()) {
                    out.append(',');
                }
                newline(indent, out);
            }
            pad(indent, level, out);
            out.append(']');
        } else if (v instanceof String str) {
            quote(str, out);
        } else if (v instanceof Num n) {
            out.append(n.text());
        } else if (v instanceof Boolean b) {
            out.append(b);
        } else {
            out.append("null");
        }
    }

    private static void newline(int indent, StringBuilder out) {
        if (indent >= 0) {
            out.append('\n');
        }
    }

    private static void pad(int indent, int level, StringBuilder out) {
        if (indent > 0) {
            out.append(" ".repeat(indent * level));
        }
    }

    private static void quote(String str, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < str.length(); i++) {
            char c = str.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
