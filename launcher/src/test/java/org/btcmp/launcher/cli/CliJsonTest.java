package org.btcmp.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliJsonTest {

    @Test
    void numbersKeepTheServersText() throws Exception {
        Object v = CliJson.parse("{\"amount\": 50.00000000, \"n\": -3, \"e\": 1e-8}");
        assertEquals("{\"amount\":50.00000000,\"n\":-3,\"e\":1e-8}", CliJson.write(v));
    }

    @Test
    void prettyIsUniValuesLayout() throws Exception {
        Object v = CliJson.parse("{\"a\":[1,\"x\",{\"b\":null,\"c\":true}],\"d\":[],\"e\":{}}");
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
                  }
                }""", CliJson.pretty(v));
    }

    @Test
    void stringsRoundTripWithEscapes() throws Exception {
        Object v = CliJson.parse("\"a\\\"b\\\\c\\n\\u00e9\\u0001\"");
        assertEquals("a\"b\\c\né\u0001", v);
        assertEquals("\"a\\\"b\\\\c\\né\\u0001\"", CliJson.write(v));
    }

    @Test
    void badJsonSaysWhere() {
        assertEquals("trailing characters at offset 2", assertThrows(CliJson.ParseException.class,
                () -> CliJson.parse("1 2")).getMessage());
        assertThrows(CliJson.ParseException.class, () -> CliJson.parse("[1,"));
        assertThrows(CliJson.ParseException.class, () -> CliJson.parse("01"));
        assertThrows(CliJson.ParseException.class, () -> CliJson.parse("abc"));
        assertEquals(List.of(), assertDoesParse("[ ]"));
        assertEquals(Map.of(), assertDoesParse("{ }"));
    }

    private static Object assertDoesParse(String text) {
        try {
            return CliJson.parse(text);
        } catch (CliJson.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
