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

    void setRows(List<TxRow> newRows) {
        if (!newRows.equals(rows)) {
            rows = List.copyOf(newRows);
            fireTableDataChanged();
        }
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
