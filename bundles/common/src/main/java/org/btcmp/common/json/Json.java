package org.btcmp.common.json;

import java.util.Map;

/**
 * JSON (RFC 8259) as plain Java values: objects are {@code LinkedHashMap}s (insertion order kept),
 * arrays {@code List}s, strings {@code String}, booleans {@code Boolean}, integers that fit {@code Long}
 * and every other number {@code BigDecimal} (so an amount keeps its 8 decimals). JSON null is
 * {@link #NULL} inside containers; a Java null is written as null too.
 */
public final class Json {
    /** JSON null as a value (a Java null would be ambiguous in maps). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /**
     * A number kept exactly as its text (bitcoin-cli prints the server's numbers as they came, e.g.
     * Core's {@code 4.656542373906925e-10}); written back unchanged.
     */
    public record NumberText(String text) {
    }

    /** Text that is not one JSON value; the message says what and at which offset. */
    public static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int position;

        /** {@code message} as is; {@code position} is the character offset at fault. */
        public ParseException(String message, int position) {
            super(message);
            this.position = position;
        }

        /** The character offset where the text stops being JSON. */
        public int position() {
            return position;
        }
    }

    private Json() {
    }

    /** The value {@code text} holds, numbers as Long or BigDecimal. */
    public static Object parse(String text) throws ParseException {
        return new JsonParser(text, false).document();
    }

    /** As {@link #parse}, but every number is a {@link NumberText} holding its text unchanged. */
    public static Object parseKeepingNumberText(String text) throws ParseException {
        return new JsonParser(text, true).document();
    }

    /** Compact JSON, as Core's UniValue {@code write()}. */
    public static String write(Object value) {
        return JsonWriter.compact(value);
    }

    /**
     * UniValue's {@code write(2)}, as bitcoin-cli and Core's console print results: two spaces a level,
     * {@code "key": value}, and an empty array or object as an opening and a closing line.
     */
    public static String pretty(Object value) {
        return JsonWriter.pretty(value);
    }

    /** Whether {@code value} is JSON null ({@link #NULL} or a Java null, e.g. a missing key). */
    public static boolean isNull(Object value) {
        return value == null || value == NULL;
    }

    /** Core's JSON type names, for its type-error messages. */
    public static String typeName(Object value) {
        if (isNull(value)) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number || value instanceof NumberText) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        return value instanceof Map ? "object" : "array";
    }
}
