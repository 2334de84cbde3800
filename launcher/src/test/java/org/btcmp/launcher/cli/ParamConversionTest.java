package org.btcmp.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.btcmp.common.json.Json;
import org.junit.jupiter.api.Test;

/** bitcoin-cli's argument conversion, checked against what Core's client sends for the same words. */
class ParamConversionTest {
    private final ParamConversion core = ParamConversion.core();

    private String positional(String method, String... words) throws Exception {
        return Json.write(core.positional(method, List.of(words)));
    }

    private String named(String method, String... words) throws Exception {
        return Json.write(core.named(method, List.of(words)));
    }

    @Test
    void positionalArgumentsAreJsonOnlyWhereTheTableSaysSo() throws Exception {
        assertEquals("[101,\"bcrt1qxyz\"]", positional("generatetoaddress", "101", "bcrt1qxyz"));
        assertEquals("[\"101\"]", positional("getblockcount", "101"), "unknown methods get strings");
        assertEquals("[\"abc\"]", positional("getblockstats", "abc"), "JSON_OR_STRING falls back to the text");
        assertEquals("[{\"a\":1}]", positional("getblockstats", "{\"a\":1}"));
        assertEquals("Error parsing JSON: abc", assertThrows(Json.ParseException.class,
                () -> positional("getblockhash", "abc")).getMessage());
    }

    @Test
    void namedArgumentsWithPositionalOnesUnderArgs() throws Exception {
        assertEquals("{\"nblocks\":2,\"address\":\"bcrt1q\"}", named("generatetoaddress", "nblocks=2", "address=bcrt1q"));
        assertEquals("{\"address\":\"bcrt1q\",\"args\":[3]}", named("generatetoaddress", "3", "address=bcrt1q"));
        assertEquals("{\"nblocks\":5}", named("generatetoaddress", "nblocks=2", "nblocks=5"), "the later value wins");
        assertEquals("{\"args\":[\"a=b\"]}", named("echoipc", "a=b"), "a STRING parameter keeps its '='");
        assertEquals("{\"args\":[[\"x\",\"=\"]]}", named("echojson", "[\"x\",\"=\"]"), "a JSON list holding '='");
        assertEquals("{\"label\":\"x=y\"}", named("getnewaddress", "label=x=y"));
    }
}
