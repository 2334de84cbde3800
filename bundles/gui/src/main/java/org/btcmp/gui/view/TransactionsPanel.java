package org.btcmp.gui.view;

import java.awt.BorderLayout;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.regex.Pattern;
import javax.swing.BorderFactory;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.RowFilter;
import javax.swing.table.TableRowSorter;
import org.btcmp.common.json.Json;
import org.btcmp.gui.model.TxRow;

/** The wallet's history: a sortable table filtered by type and by text; a double click shows the details. */
final class TransactionsPanel extends JPanel {
    private static final long serialVersionUID = 1L;

    private final transient WalletModel model;
    private final TransactionTableModel rows;
    private final JTable table;
    private final TableRowSorter<TransactionTableModel> sorter;
    private final JTextField search = Ui.named(new JTextField(20), "tx.search");
    private final JComboBox<String> kind = Ui.named(new JComboBox<>(new String[] {"All", "receive", "send", "generate",
            "immature"}), "tx.kind");

    TransactionsPanel(WalletModel model, ZoneId zone) {
        super(new BorderLayout(8, 8));
        this.model = model;
        setBorder(BorderFactory.createEmptyBorder(16, 16, 16, 16));
        rows = new TransactionTableModel(zone);
        table = Ui.named(new JTable(rows), "tx.table");
        sorter = new TableRowSorter<>(rows);
        sorter.setComparator(3, Comparator.comparing((String s) -> new BigDecimal(s.replace("+", ""))));
        table.setRowSorter(sorter);
        table.setFillsViewportHeight(true);
        JPanel filters = new JPanel();
        filters.add(new JLabel("Type:"));
        filters.add(kind);
        filters.add(new JLabel("Search:"));
        filters.add(search);
        search.putClientProperty("JTextField.placeholderText", "label, address or txid");
        add(filters, BorderLayout.NORTH);
        add(new JScrollPane(table), BorderLayout.CENTER);
        search.getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
            @Override
            public void insertUpdate(javax.swing.event.DocumentEvent e) {
                applyFilter();
            }

            @Override
            public void removeUpdate(javax.swing.event.DocumentEvent e) {
                applyFilter();
            }

            @Override
            public void changedUpdate(javax.swing.event.DocumentEvent e) {
                applyFilter();
            }
        });
        kind.addActionListener(e -> applyFilter());
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && table.getSelectedRow() >= 0) {
                    showDetails(rows.row(table.convertRowIndexToModel(table.getSelectedRow())));
                }
            }
        });
        model.addListener(() -> rows.setRows(model.transactions()));
        rows.setRows(model.transactions());
    }

    private void applyFilter() {
        String k = (String) kind.getSelectedItem();
        String text = search.getText().strip();
        RowFilter<TransactionTableModel, Integer> byKind = "All".equals(k) ? null : RowFilter.regexFilter("^" + k + "$", 1);
        RowFilter<TransactionTableModel, Integer> byText = text.isEmpty() ? null
                : RowFilter.regexFilter("(?i)" + Pattern.quote(text), 2, TransactionTableModel.TXID_COLUMN);
        if (byKind != null && byText != null) {
            sorter.setRowFilter(RowFilter.andFilter(java.util.List.of(byKind, byText)));
        } else {
            sorter.setRowFilter(byKind != null ? byKind : byText);
        }
    }

    private void showDetails(TxRow row) {
        model.background.run("Loading the transaction", () -> Json.pretty(Json.parse(model.node.executeRpc("gettransaction",
                "[\"" + row.txid() + "\"]", WalletModel.walletUri(model.walletName())))), text -> {
                    JTextArea area = Ui.named(new JTextArea(text, 24, 72), "tx.details");
                    area.setEditable(false);
                    area.setFont(new java.awt.Font(java.awt.Font.MONOSPACED, java.awt.Font.PLAIN, 12));
                    JOptionPane.showMessageDialog(this, new JScrollPane(area), "Transaction " + row.txid(),
                            JOptionPane.PLAIN_MESSAGE);
                }, e -> JOptionPane.showMessageDialog(this, Ui.reason(e), "Transaction details", JOptionPane.ERROR_MESSAGE));
    }

    JTable table() {
        return table;
    }
}
