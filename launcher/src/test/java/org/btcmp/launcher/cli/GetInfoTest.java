package org.btcmp.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.btcmp.common.json.Json;
import org.junit.jupiter.api.Test;

/** -getinfo's summary from a batch reply (the same batch from a real node is in itest). */
class GetInfoTest {
    private static final String NETWORK = "{\"jsonrpc\":\"2.0\",\"result\":{\"version\":310000,\"timeoffset\":0,"
            + "\"connections\":3,\"connections_in\":1,\"connections_out\":2,\"networks\":[{\"name\":\"ipv4\",\"proxy\":\"127.0.0.1:9050\"},"
            + "{\"name\":\"onion\",\"proxy\":\"127.0.0.1:9050\"},{\"name\":\"ipv6\",\"proxy\":\"\"}],\"relayfee\":0.00001000,"
            + "\"warnings\":[]},\"id\":0}";

    @Test
    void aNodeWithAWalletHalfWayThroughVerification() throws Exception {
        Object batch = Json.parseKeepingNumberText("[" + NETWORK + ","
                + "{\"jsonrpc\":\"2.0\",\"result\":{\"chain\":\"regtest\",\"blocks\":5,\"headers\":10,\"verificationprogress\":0.5,"
                + "\"difficulty\":4.656542373906925e-10},\"id\":1},"
                + "{\"jsonrpc\":\"2.0\",\"result\":{\"walletname\":\"\",\"keypoolsize\":1000},\"id\":2},"
                + "{\"jsonrpc\":\"2.0\",\"result\":{\"mine\":{\"trusted\":12.50000000}},\"id\":3}]");
        assertEquals("""
                Chain: regtest
                Blocks: 5
                Headers: 10
                Verification progress: \u2592\u2592\u2592\u2592\u2592\u2592\u2592\u2592\u2592\u2592\
                \u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591 50.0000%
                Difficulty: 4.656542373906925e-10

                Network: in 1, out 2, total 3
                Version: 310000
                Time offset (s): 0
                Proxies: 127.0.0.1:9050 (ipv4, onion)
                Min tx relay fee rate (BTC/kvB): 0.00001000

                Wallet: ""
                Keypool size: 1000
                Balance: 12.50000000

                Warnings: (none)""", GetInfo.reply(batch, false).get("result"));
    }

    @Test
    void anErrorOfTheChainCallIsTheReplyAndWalletErrorsAreNot() throws Exception {
        Object batch = Json.parseKeepingNumberText("[" + NETWORK + ","
                + "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-28,\"message\":\"Loading block index\"},\"id\":1},"
                + "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":2},"
                + "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":3}]");
        Map<String, Object> reply = GetInfo.reply(batch, false);
        assertEquals("Loading block index", ((Map<?, ?>) reply.get("error")).get("message"));
        assertSame(((java.util.List<?>) batch).get(1), reply);
    }
}
