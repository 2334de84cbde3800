package org.btcmp.gui.view;

import java.awt.BorderLayout;
import java.awt.GridBagLayout;
import java.time.ZoneId;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import org.btcmp.gui.model.BtcAmount;
import org.btcmp.gui.model.TxRow;
import org.btcmp.interfaces.WalletBalances;

/** Balances (spendable, pending, immature, total) and the latest transactions. */
final class OverviewPanel extends JPanel {
    private static final long serialVersionUID = 1L;
    static final int RECENT = 6;

    private final JLabel wallet = Ui.named(new JLabel(), "overview.wallet");
    private final JLabel spendable = Ui.named(new JLabel(), "balance.spendable");
    private final JLabel pending = Ui.named(new JLabel(), "balance.pending");
    private final JLabel immature = Ui.named(new JLabel(), "balance.immature");
    private final JLabel total = Ui.named(new JLabel(), "balance.total");
    private final TransactionTableModel recent;

    OverviewPanel(WalletModel model, ZoneId zone) {
        super(new BorderLayout(12, 12));
        setBorder(BorderFactory.createEmptyBorder(16, 16, 16, 16));
        recent = new TransactionTableModel(zone);
        JPanel balances = new JPanel(new GridBagLayout());
        balances.setBorder(BorderFactory.createTitledBorder("Balances"));
        balances.add(wallet, Ui.cell(0, 0));
        String[] names = {"Spendable:", "Pending:", "Immature:", "Total:"};
        JLabel[] values = {spendable, pending, immature, total};
        for (int i = 0; i < names.length; i++) {
            balances.add(new JLabel(names[i]), Ui.cell(0, i + 1));
            balances.add(values[i], Ui.wide(1, i + 1));
        }
        JTable table = Ui.named(new JTable(recent), "overview.recent");
        table.setFillsViewportHeight(true);
        JPanel recentPanel = new JPanel(new BorderLayout());
        recentPanel.setBorder(BorderFactory.createTitledBorder("Recent transactions"));
        recentPanel.add(new JScrollPane(table));
        add(balances, BorderLayout.NORTH);
        add(recentPanel, BorderLayout.CENTER);
        model.addListener(() -> show(model));
        show(model);
    }

    private void show(WalletModel model) {
        WalletBalances b = model.balances();
        wallet.setText(model.wallet() == null ? "No wallet loaded"
                : "Wallet: " + (model.walletName().isEmpty() ? "[default wallet]" : model.walletName()));
        spendable.setText(BtcAmount.format(b.trusted()) + " BTC");
        pending.setText(BtcAmount.format(b.untrustedPending()) + " BTC");
        immature.setText(BtcAmount.format(b.immature()) + " BTC");
        total.setText(BtcAmount.format(b.trusted() + b.untrustedPending() + b.immature()) + " BTC");
        List<TxRow> txs = model.transactions();
        recent.setRows(txs.subList(0, Math.min(RECENT, txs.size())));
    }
}
