package org.btcmp.gui.view;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.GridBagLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.StringSelection;
import java.awt.image.BufferedImage;
import javax.swing.BorderFactory;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import org.btcmp.gui.model.Bip21;
import org.btcmp.gui.model.BtcAmount;
import org.btcmp.interfaces.Wallet;

/**
 * Request a payment: a new address with a label and an optional amount, shown as text, as a BIP21
 * URI and as a QR code of that URI, with a button that copies the URI.
 */
final class ReceivePanel extends JPanel {
    private static final long serialVersionUID = 1L;
    static final int QR_SIZE = 200;

    private final transient WalletModel model;
    private final JTextField label = Ui.named(new JTextField(20), "receive.label");
    private final JTextField amount = Ui.named(new JTextField(12), "receive.amount");
    private final JComboBox<String> type = Ui.named(new JComboBox<>(new String[] {"bech32", "bech32m", "p2sh-segwit", "legacy"}),
            "receive.type");
    private final JLabel amountError = Ui.errorLabel("receive.amountError");
    private final JButton create = Ui.named(new JButton("Create new receiving address"), "receive.new");
    private final JTextField address = Ui.named(new JTextField(34), "receive.address");
    private final JTextField uri = Ui.named(new JTextField(34), "receive.uri");
    private final JLabel qr = Ui.named(new JLabel(), "receive.qr");
    private final JButton copy = Ui.named(new JButton("Copy URI"), "receive.copy");
    private final JLabel status = Ui.errorLabel("receive.status");
    private transient BufferedImage qrImage;
    private final transient Clipboard clipboard;

    ReceivePanel(WalletModel model, Clipboard clipboard) {
        super(new BorderLayout());
        this.model = model;
        this.clipboard = clipboard;
        setBorder(BorderFactory.createEmptyBorder(16, 16, 16, 16));
        JPanel form = new JPanel(new GridBagLayout());
        form.add(Ui.title("Receive bitcoin"), Ui.cell(0, 0));
        form.add(new JLabel("Label:"), Ui.cell(0, 1));
        form.add(label, Ui.wide(1, 1));
        form.add(new JLabel("Amount (BTC):"), Ui.cell(0, 2));
        form.add(amount, Ui.cell(1, 2));
        form.add(amountError, Ui.wide(1, 3));
        form.add(new JLabel("Address type:"), Ui.cell(0, 4));
        form.add(type, Ui.cell(1, 4));
        form.add(create, Ui.cell(1, 5));
        form.add(new JLabel("Address:"), Ui.cell(0, 6));
        form.add(address, Ui.wide(1, 6));
        form.add(new JLabel("URI:"), Ui.cell(0, 7));
        form.add(uri, Ui.wide(1, 7));
        form.add(copy, Ui.cell(1, 8));
        form.add(status, Ui.wide(1, 9));
        address.setEditable(false);
        uri.setEditable(false);
        copy.setEnabled(false);
        qr.setPreferredSize(new Dimension(QR_SIZE, QR_SIZE));
        qr.setHorizontalAlignment(JLabel.CENTER);
        JPanel qrPanel = new JPanel(new BorderLayout());
        qrPanel.add(qr, BorderLayout.NORTH);
        amount.setMinimumSize(amount.getPreferredSize());
        type.setMinimumSize(type.getPreferredSize());
        JPanel top = new JPanel(new BorderLayout());
        top.add(form, BorderLayout.NORTH);
        add(top, BorderLayout.CENTER);
        add(qrPanel, BorderLayout.EAST);
        amount.putClientProperty("JTextField.placeholderText", "optional");
        create.addActionListener(e -> newAddress());
        copy.addActionListener(e -> clipboard.setContents(new StringSelection(uri.getText()), null));
    }

    ReceivePanel(WalletModel model) {
        this(model, Toolkit.getDefaultToolkit().getSystemClipboard());
    }

    private void newAddress() {
        long sats = 0;
        if (!amount.getText().isBlank()) {
            BtcAmount.Parsed p = BtcAmount.parse(amount.getText());
            if (!p.ok()) {
                Ui.showError(amountError, p.error());
                return;
            }
            sats = p.satoshis();
        }
        Ui.showError(amountError, null);
        Wallet wallet = model.wallet();
        if (wallet == null) {
            Ui.showError(status, "No wallet is loaded: create or open one from the File menu");
            return;
        }
        String lbl = label.getText().strip();
        String outputType = (String) type.getSelectedItem();
        long requested = sats;
        create.setEnabled(false);
        // the QR code is drawn on the worker thread too: encoding it is no work for the event thread
        model.background.run("Making an address", () -> request(wallet.getNewAddress(outputType, lbl), requested, lbl), r -> {
            create.setEnabled(true);
            Ui.showError(status, null);
            show(r);
        }, e -> {
            create.setEnabled(true);
            Ui.showError(status, "No address: " + Ui.reason(e));
        });
    }

    /** A payment request ready to show: address, BIP21 URI and its QR code. */
    record Request(String address, String uri, BufferedImage qr) {
    }

    static Request request(String address, long sats, String label) {
        String u = Bip21.uri(address, sats, label);
        return new Request(address, u, QrImage.of(u, QR_SIZE));
    }

    /** Shows the request as text, URI and QR code. */
    void show(Request r) {
        address.setText(r.address());
        uri.setText(r.uri());
        qrImage = r.qr();
        qr.setIcon(new ImageIcon(qrImage));
        copy.setEnabled(true);
    }

    /** The QR code shown now (null before the first address). */
    BufferedImage qrImage() {
        return qrImage;
    }
}
