package org.btcmp.common.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** JSON text as UniValue writes it: compact, or {@code write(2)}'s layout; strings escaped as Core escapes them. */
final class JsonWriter {
    private static final int INDENT = 2;

    /** Negative for compact output. */
    private final int indent;
    private final StringBuilder out = new StringBuilder();

    private JsonWriter(int indent) {
        this.indent = indent;
    }

    static String compact(Object value) {
        JsonWriter w = new JsonWriter(-1);
        w.write(value, 0);
        return w.out.toString();
    }

    static String pretty(Object value) {
        JsonWriter w = new JsonWriter(INDENT);
        w.write(value, 0);
        return w.out.toString();
    }

    private void write(Object v, int level) {
        if (Json.isNull(v)) {
            out.append("null");
        } else if (v instanceof String str) {
            quote(str);
        } else if (v instanceof Json.NumberText n) {
            out.append(n.text());
        } else if (v instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            newline();
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                pad(level + 1);
                quote(String.valueOf(e.getKey()));
                out.append(indent < 0 ? ":" : ": ");
                write(e.getValue(), level + 1);
                if (++i < map.size()) {
                    out.append(',');
                }
                newline();
            }
            pad(level);
            out.append('}');
        } else if (v instanceof List<?> list) {
            out.append('[');
            newline();
            for (int i = 0; i < list.size(); i++) {
                pad(level + 1);
                write(list.get(i), level + 1);
                if (i + 1 < list.size()) {
                    out.append(',');
                }
                newline();
            }
            pad(level);
            out.append(']');
        } else {
            quote(v.toString());
        }
    }

    private void newline() {
        if (indent >= 0) {
            out.append('\n');
        }
    }

    private void pad(int level) {
        if (indent > 0) {
            out.append(" ".repeat(indent * level));
        }
    }

    private void quote(String str) {
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
