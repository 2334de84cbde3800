package org.btcmp.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsWhatTheNodeAnswers() throws Exception {
        Map<?, ?> m = (Map<?, ?>) Json.parse(
                "{\"a\": [1, 2.50000000, -3e2], \"s\": \"x\\\"y\\u00e9\", \"t\": true, \"n\": null}");
        assertEquals(List.of(1L, new BigDecimal("2.50000000"), new BigDecimal("-3e2")), m.get("a"));
        assertEquals("x\"yé", m.get("s"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertSame(Json.NULL, m.get("n"));
        assertEquals(List.of("a", "s", "t", "n"), new ArrayList<>(m.keySet()), "member order is kept");
        assertEquals("[\"a\",1,{}]", Json.write(Json.parse(" [ \"a\" , 1 , { } ] ")));
    }

    @Test
    void integersBeyondLongBecomeBigDecimal() throws Exception {
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(new BigDecimal("9223372036854775808"), Json.parse("9223372036854775808"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
    }

    @Test
    void amountsAreWrittenAsCorePrintsThem() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("amount", new BigDecimal("50.00000000"));
        m.put("fee", BigDecimal.valueOf(1410, 8));
        m.put("height", 101L);
        m.put("none", null);
        m.put("list", List.of(Json.NULL, false));
        assertEquals("{\"amount\":50.00000000,\"fee\":0.00001410,\"height\":101,\"none\":null,\"list\":[null,false]}",
                Json.write(m));
        assertEquals("-300", Json.write(Json.parse("-3e2")));
    }

    @Test
    void numberTextIsKeptAsTheServerWroteIt() throws Exception {
        Object v = Json.parseKeepingNumberText("{\"amount\": 50.00000000, \"n\": -3, \"e\": 1e-8}");
        assertEquals(new Json.NumberText("-3"), ((Map<?, ?>) v).get("n"));
        assertEquals("{\"amount\":50.00000000,\"n\":-3,\"e\":1e-8}", Json.write(v));
        assertThrows(Json.ParseException.class, () -> Json.parseKeepingNumberText("01"));
    }

    @Test
    void prettyIsUniValuesLayout() throws Exception {
        Object v = Json.parse("{\"a\":[1,\"x\",{\"b\":null,\"c\":true}],\"d\":[],\"e\":{},\"f\":2.50000000}");
        assertEquals("""
                {
                  "a": [
                    1,
                    "x",
                    {
                      "b": null,
                      "c": true
                    }
                  ],
                  "d": [
                  ],
                  "e": {
                  },
                  "f": 2.50000000
                }""", Json.pretty(v));
        assertEquals("\"text\"", Json.pretty("text"));
    }

    @Test
    void stringsRoundTripWithCoresEscapes() throws Exception {
        Object v = Json.parse("\"a\\\"b\\\\c\\n\\u00e9\\u0001\\/\\b\\f\\r\\t\"");
        assertEquals("a\"b\\c\né\u0001/\b\f\r\t", v);
        assertEquals("\"a\\\"b\\\\c\\né\\u0001/\\b\\f\\r\\t\"", Json.write(v));
        assertEquals("\"\\u007f\"", Json.write("\u007f"));
    }

    @Test
    void badJsonSaysWhatAndWhere() {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("1 2"));
        assertEquals("trailing characters at offset 2", e.getMessage());
        assertEquals(2, e.position());
        e = assertThrows(Json.ParseException.class, () -> Json.parse("[1, }"));
        assertEquals("unexpected character '}' at offset 4", e.getMessage());
        assertEquals(4, e.position());
        assertEquals("unterminated string at offset 5",
                assertThrows(Json.ParseException.class, () -> Json.parse("\"open")).getMessage());
        assertEquals("unexpected end at offset 0", assertThrows(Json.ParseException.class, () -> Json.parse("")).getMessage());
        for (String bad : List.of("[1,", "01", "abc", "-", "1.", "1e", "1e+", "tru", "nul", "{\"a\" 1}", "{1:2}",
                "[1 2]", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"tab\there\"", "{\"a\":1,}", "\u0661")) {
            assertThrows(Json.ParseException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void emptyContainersAndWhitespaceParse() throws Exception {
        assertEquals(List.of(), Json.parse("[ ]"));
        assertEquals(Map.of(), Json.parse("{ }"));
        assertEquals(List.of(List.of()), Json.parse("\t\r\n[[]]\n"));
    }

    @Test
    void nestingIsBounded() throws Exception {
        assertEquals(1, ((List<?>) Json.parse("[".repeat(100) + "]".repeat(100))).size());
        Json.ParseException e = assertThrows(Json.ParseException.class,
                () -> Json.parse("[".repeat(100_000) + "]".repeat(100_000)));
        assertTrue(e.getMessage().startsWith("nesting too deep at offset "), e.getMessage());
    }

    @Test
    void typeNamesAreCores() {
        assertEquals("null", Json.typeName(Json.NULL));
        assertEquals("null", Json.typeName(null));
        assertEquals("string", Json.typeName("x"));
        assertEquals("number", Json.typeName(1L));
        assertEquals("number", Json.typeName(BigDecimal.ONE));
        assertEquals("number", Json.typeName(new Json.NumberText("1")));
        assertEquals("bool", Json.typeName(true));
        assertEquals("object", Json.typeName(Map.of()));
        assertEquals("array", Json.typeName(List.of()));
        assertTrue(Json.isNull(null) && Json.isNull(Json.NULL));
        assertEquals(false, Json.isNull("null"));
    }
}
