package org.btcmp.gui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValueTest {
    @Test
    void readsWhatTheNodeAnswers() {
        Object v = JsonValue.parse("{\"a\": [1, 2.50000000, -3e2], \"s\": \"x\\\"y\\u00e9\", \"t\": true, \"n\": null}");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(new BigDecimal("1"), new BigDecimal("2.50000000"), new BigDecimal("-3e2")), m.get("a"));
        assertEquals("x\"yé", m.get("s"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertEquals(null, m.get("n"));
        assertEquals("{\n  \"a\": [\n    1,\n    2.50000000,\n    -300\n  ],\n  \"s\": \"x\\\"yé\",\n  \"t\": true,\n  \"n\": null\n}",
                JsonValue.pretty(v));
        assertEquals("[\"a\",1,{}]", JsonValue.compact(JsonValue.parse(" [ \"a\" , 1 , { } ] ")));
    }

    @Test
    void badJsonNamesTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonValue.parse("[1, }"));
        assertEquals("Bad JSON at offset 4: unexpected character", e.getMessage());
        assertEquals("Bad JSON at offset 2: trailing characters",
                assertThrows(IllegalArgumentException.class, () -> JsonValue.parse("1 2")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonValue.parse("\"open"));
    }
}
