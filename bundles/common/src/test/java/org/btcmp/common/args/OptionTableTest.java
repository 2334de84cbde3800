package org.btcmp.common.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionTableTest {

    @Test
    void helpGroupsByCategorySortsByNameAndWrapsAt79Columns() {
        OptionTable table = OptionTable.of(List.of(
                OptionSpec.value("rpcport", "<port>", "Listen for JSON-RPC connections on <port> (default: 8332, "
                        + "testnet3: 18332, testnet4: 48332, signet: 38332, regtest: 18443)", OptionCategory.RPC),
                OptionSpec.flag("natpmp", "Use PCP or NAT-PMP to map the listening port", OptionCategory.CONNECTION, OptionFlag.NO_EFFECT),
                OptionSpec.value("datadir", "<dir>", "Specify data directory", OptionCategory.OPTIONS)));
        assertEquals("""
                Options:

                  -datadir=<dir>
                       Specify data directory

                Connection options:

                  -natpmp
                       Use PCP or NAT-PMP to map the listening port (Accepted for compatibility
                       with Bitcoin Core; has no effect here.)

                RPC server options:

                  -rpcport=<port>
                       Listen for JSON-RPC connections on <port> (default: 8332, testnet3:
                       18332, testnet4: 48332, signet: 38332, regtest: 18443)

                """, table.helpText());
    }

    @Test
    void aNameDeclaredTwiceIsRefused() {
        OptionSpec a = OptionSpec.flag("server", "Accept commands", OptionCategory.RPC);
        assertThrows(IllegalArgumentException.class, () -> OptionTable.of(List.of(a, a)));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.flag("Bad-Name", "x", OptionCategory.RPC));
    }
}
