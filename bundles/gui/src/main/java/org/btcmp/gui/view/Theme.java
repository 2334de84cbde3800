package org.btcmp.gui.view;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Font;
import javax.swing.UIManager;
import javax.swing.plaf.FontUIResource;

/** FlatLaf light or dark, with one fixed font so every machine (and every screenshot) lays out alike. */
public final class Theme {
    /** DejaVu Sans: installed by scripts/setup (fonts-dejavu-core); Java falls back to its Dialog font without it. */
    public static final String FONT_FAMILY = "DejaVu Sans";
    public static final int FONT_SIZE = 13;

    private Theme() {
    }

    /** Installs the look and feel; call on the event thread. Already open windows follow. */
    public static void apply(boolean dark) {
        if (UIManager.getLookAndFeel() instanceof FlatLaf current && current.isDark() == dark) {
            return; // already in place: re-installing would rebuild every component of every window
        }
        FlatLaf laf = dark ? new FlatDarkLaf() : new FlatLightLaf();
        UIManager.put("defaultFont", new FontUIResource(FONT_FAMILY, Font.PLAIN, FONT_SIZE));
        FlatLaf.setup(laf);
        FlatLaf.updateUI();
    }

    public static boolean isDark() {
        return FlatLaf.isLafDark();
    }
}
