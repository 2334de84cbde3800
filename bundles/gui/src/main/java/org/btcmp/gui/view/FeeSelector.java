package org.btcmp.gui.view;

import java.awt.FlowLayout;
import javax.swing.ButtonGroup;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JTextField;
import org.btcmp.gui.model.FeeRate;

/**
 * The send screen's fee choice, as Core's GUI offers it: recommended (the wallet's rate for a
 * confirmation target, from the node's estimate) or a custom rate in sat/vB.
 */
final class FeeSelector extends JPanel {
    private static final long serialVersionUID = 1L;

    /** A choice: a confirmation target (blocks), or a custom rate in sat/kvB (target 0). */
    record Choice(int target, long satPerKvb) {
        @Override
        public String toString() {
            return target > 0 ? "recommended for " + FeeRate.describeTarget(target) : "custom " + FeeRate.format(satPerKvb)
                    + " sat/vB";
        }
    }

    private final JRadioButton recommended = Ui.named(new JRadioButton("Recommended:", true), "send.fee.recommended");
    private final JComboBox<String> target = Ui.named(new JComboBox<>(), "send.fee.target");
    private final JRadioButton custom = Ui.named(new JRadioButton("Custom:"), "send.fee.custom");
    private final JTextField rate = Ui.named(new JTextField(6), "send.fee.rate");

    FeeSelector(Runnable onChange) {
        super(new FlowLayout(FlowLayout.LEFT, 6, 0));
        for (int t : FeeRate.TARGETS) {
            target.addItem(FeeRate.describeTarget(t));
        }
        target.setSelectedIndex(indexOf(FeeRate.DEFAULT_TARGET));
        ButtonGroup group = new ButtonGroup();
        group.add(recommended);
        group.add(custom);
        add(recommended);
        add(target);
        add(custom);
        add(rate);
        add(new JLabel("sat/vB"));
        rate.putClientProperty("JTextField.placeholderText", "1.0");
        recommended.addActionListener(e -> onChange.run());
        custom.addActionListener(e -> onChange.run());
        target.addActionListener(e -> onChange.run());
        rate.getDocument().addDocumentListener(SendPanel.onChange(e -> {
            if (!custom.isSelected()) {
                custom.setSelected(true); // typing a rate means choosing it
            }
            onChange.run();
        }));
        showState();
        recommended.addItemListener(e -> showState());
    }

    private void showState() {
        target.setEnabled(recommended.isSelected());
    }

    private static int indexOf(int blocks) {
        for (int i = 0; i < FeeRate.TARGETS.length; i++) {
            if (FeeRate.TARGETS[i] == blocks) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a target: " + blocks);
    }

    private FeeRate.Parsed customRate() {
        return FeeRate.parse(rate.getText());
    }

    /** The choice now; null when a custom rate is chosen and refused (see {@link #problem}). */
    Choice choice() {
        if (recommended.isSelected()) {
            return new Choice(FeeRate.TARGETS[target.getSelectedIndex()], 0);
        }
        FeeRate.Parsed p = customRate();
        return p.ok() ? new Choice(0, p.satPerKvb()) : null;
    }

    /** Why the choice cannot be used, or null. */
    String problem() {
        return recommended.isSelected() ? null : customRate().error();
    }
}
