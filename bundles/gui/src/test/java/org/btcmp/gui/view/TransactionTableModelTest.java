package org.btcmp.gui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.swing.event.TableModelEvent;
import org.btcmp.gui.model.TxRow;
import org.junit.jupiter.api.Test;

/** A new block changes confirmations only: the rows that changed are updated, the table is not rebuilt. */
class TransactionTableModelTest {
    private static TxRow row(String txid, long confirmations) {
        return new TxRow(1_767_430_800L, "receive", Fakes.ADDRESS, "", 100_000_000L, confirmations, txid.repeat(64));
    }

    @Test
    void onlyChangedRowsAreUpdatedAndOtherChangesRebuild() {
        TransactionTableModel model = new TransactionTableModel(ZoneOffset.UTC);
        List<String> events = new ArrayList<>();
        model.addTableModelListener(e -> events.add(e.getType() + " " + e.getFirstRow() + ".." + e.getLastRow()));
        model.setRows(List.of(row("a", 1), row("b", 5), row("c", 9)));
        model.setRows(List.of(row("a", 1), row("b", 6), row("c", 10)));
        model.setRows(List.of(row("a", 1), row("b", 6), row("c", 10)));
        model.setRows(List.of(row("d", 0), row("a", 1), row("b", 6), row("c", 10)));
        int all = Integer.MAX_VALUE;
        assertEquals(List.of(TableModelEvent.UPDATE + " 0.." + all, TableModelEvent.UPDATE + " 1..2",
                TableModelEvent.UPDATE + " 0.." + all), events, "rebuilt, rows 1-2 updated, nothing, rebuilt");
        assertEquals(6L, model.getValueAt(2, 4));
    }
}
