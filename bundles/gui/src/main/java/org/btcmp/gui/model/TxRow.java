package org.btcmp.gui.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;

/**
 * One line of the wallet's history as listtransactions reports it: when, what kind (receive, send,
 * generate, immature), which address and label, how much (satoshis, negative for sends), how deep.
 */
public record TxRow(long time, String category, String address, String label, long amount, long confirmations,
        String txid) {

    /** The rows of a listtransactions result (a JSON array of objects), newest first. */
    public static List<TxRow> fromListTransactions(Object result) {
        List<TxRow> rows = new ArrayList<>();
        if (!(result instanceof List<?> list)) {
            throw new IllegalArgumentException("listtransactions did not return an array");
        }
        for (Object o : list) {
            Map<?, ?> m = (Map<?, ?>) o;
            rows.add(new TxRow(number(m.get("time")).longValue(), string(m.get("category")), string(m.get("address")),
                    string(m.get("label")), number(m.get("amount")).movePointRight(8).longValueExact(),
                    number(m.get("confirmations")).longValue(), string(m.get("txid"))));
        }
        rows.sort((a, b) -> Long.compare(b.time, a.time));
        return rows;
    }

    private static BigDecimal number(Object o) {
        if (o instanceof BigDecimal d) {
            return d;
        }
        return o instanceof Long l ? BigDecimal.valueOf(l) : BigDecimal.ZERO;
    }

    private static String string(Object o) {
        return Json.isNull(o) ? "" : o.toString();
    }
}
