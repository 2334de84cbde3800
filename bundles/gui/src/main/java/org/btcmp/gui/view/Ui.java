package org.btcmp.gui.view;

import java.awt.Color;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.Insets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.UIManager;

/** Small layout and formatting helpers the screens share. */
final class Ui {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Ui() {
    }

    static <T extends JComponent> T named(T c, String name) {
        c.setName(name);
        return c;
    }

    static JLabel title(String text) {
        JLabel l = new JLabel(text);
        l.putClientProperty("FlatLaf.styleClass", "h2");
        return l;
    }

    /** A label for inline error messages: the theme's error colour, empty until there is an error. */
    static JLabel errorLabel(String name) {
        JLabel l = named(new JLabel(" "), name);
        Color c = UIManager.getColor("Component.error.focusedBorderColor");
        l.setForeground(c != null ? c : Color.RED.darker());
        l.setFont(l.getFont().deriveFont(Font.PLAIN));
        return l;
    }

    static void showError(JLabel label, String message) {
        label.setText(message == null ? " " : message);
    }

    static GridBagConstraints cell(int x, int y) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = x;
        c.gridy = y;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(4, 6, 4, 6);
        return c;
    }

    static GridBagConstraints wide(int x, int y) {
        GridBagConstraints c = cell(x, y);
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        return c;
    }

    static String time(long epochSeconds, ZoneId zone) {
        return epochSeconds <= 0 ? "" : TIME.format(Instant.ofEpochSecond(epochSeconds).atZone(zone));
    }

    /**
     * Why a call failed, as a person reads it: the remote message without Java class names; a bug (an Error)
     * says so, since its message alone would not make sense to the person.
     */
    static String reason(Throwable e) {
        String m = e.getMessage();
        String text = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return e instanceof Error ? "internal error (" + e.getClass().getSimpleName() + "): " + text : text;
    }
}
