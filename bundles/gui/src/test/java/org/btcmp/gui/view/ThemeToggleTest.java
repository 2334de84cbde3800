package org.btcmp.gui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.time.ZoneOffset;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JTabbedPane;
import javax.swing.UIManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** View, Dark theme switches the open window between FlatLaf light and dark (and back). */
class ThemeToggleTest {
    GuiSession gui;

    @BeforeEach
    void open() throws Exception {
        TestDisplay.require();
        gui = Edt.get(() -> GuiSession.build(new Fakes.FakeNode(), new Fakes.FakeLoader(new Fakes.FakeWallet()), false,
                ZoneOffset.UTC, () -> { }, (a, s, f) -> false, false));
    }

    @AfterEach
    void close() {
        gui.close();
        Edt.run(() -> Theme.apply(false));
    }

    @Test
    void menuToggleSwitchesTheOpenWindow() {
        JCheckBoxMenuItem dark = Edt.find(gui.window().getJMenuBar(), "menu.dark", JCheckBoxMenuItem.class);
        Color light = Edt.get(() -> Edt.find(gui.window(), "tabs", JTabbedPane.class).getBackground());
        assertFalse(Edt.get(Theme::isDark));
        Edt.run(dark::doClick);
        assertTrue(Edt.get(Theme::isDark));
        Color darkBackground = Edt.get(() -> Edt.find(gui.window(), "tabs", JTabbedPane.class).getBackground());
        assertTrue(brightness(darkBackground) < brightness(light), light + " → " + darkBackground);
        assertEquals(UIManager.getColor("Panel.background"), darkBackground, "the open window took the new theme");
        Edt.run(dark::doClick);
        assertFalse(Edt.get(Theme::isDark));
        assertEquals(light, Edt.get(() -> Edt.find(gui.window(), "tabs", JTabbedPane.class).getBackground()));
    }

    private static int brightness(Color c) {
        return c.getRed() + c.getGreen() + c.getBlue();
    }
}
