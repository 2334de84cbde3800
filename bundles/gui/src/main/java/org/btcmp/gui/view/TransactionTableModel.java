package org.btcmp.gui.view;

import java.time.ZoneId;
import java.util.List;
import javax.swing.table.AbstractTableModel;
import org.btcmp.gui.model.BtcAmount;
import org.btcmp.gui.model.TxRow;

/** Wallet history rows as a table: date, type, label or address, amount, confirmations, txid. */
final class TransactionTableModel extends AbstractTableModel {
    private static final long serialVersionUID = 1L;
    static final String[] COLUMNS = {"Date", "Type", "Label / address", "Amount (BTC)", "Confirmations", "Txid"};
    static final int TXID_COLUMN = 5;

    private final ZoneId zone;
    private transient List<TxRow> rows = List.of();

    TransactionTableModel(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Shows {@code newRows}. The same transactions in the same order (a new block changes confirmations)
     * update only the rows that changed, so the table is neither rebuilt nor re-sorted for every block.
     */
    void setRows(List<TxRow> newRows) {
        if (newRows.equals(rows)) {
            return;
        }
        List<TxRow> old = rows;
        rows = List.copyOf(newRows);
        if (!sameTransactions(old, rows)) {
            fireTableDataChanged();
            return;
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).equals(old.get(i))) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        fireTableRowsUpdated(first, last);
    }

    private static boolean sameTransactions(List<TxRow> a, List<TxRow> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).txid().equals(b.get(i).txid()) || !a.get(i).category().equals(b.get(i).category())) {
                return false;
            }
        }
        return true;
    }

    TxRow row(int index) {
        return rows.get(index);
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return COLUMNS[column];
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return column == 4 ? Long.class : String.class;
    }

    @Override
    public Object getValueAt(int row, int column) {
        TxRow r = rows.get(row);
        return switch (column) {
            case 0 -> Ui.time(r.time(), zone);
            case 1 -> r.category();
            case 2 -> r.label().isEmpty() ? r.address() : r.label() + " (" + r.address() + ")";
            case 3 -> (r.amount() >= 0 ? "+" : "") + BtcAmount.format(r.amount());
            case 4 -> r.confirmations();
            default -> r.txid();
        };
    }
}
