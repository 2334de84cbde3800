package org.btcmp.gui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import javax.swing.JButton;
import javax.swing.JProgressBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status bar's progress bar shows for a slow call a person asked for and goes when it ends; the
 * refreshes that notifications cause never show it, however slow (a block storm would keep it animating).
 */
class BusyIndicatorTest {
    final Fakes.FakeNode node = new Fakes.FakeNode();
    final Fakes.FakeWallet wallet = new Fakes.FakeWallet();
    GuiSession gui;

    @BeforeEach
    void open() throws Exception {
        TestDisplay.require();
        gui = Edt.get(() -> GuiSession.build(node, new Fakes.FakeLoader(wallet), false, ZoneOffset.UTC, () -> { },
                (a, s, f) -> false, false));
        Edt.waitFor("the first load", () -> gui.model().refreshes() > 0 && gui.model().background.inFlight() == 0);
    }

    @AfterEach
    void close() {
        node.gate = null;
        wallet.gate = null;
        gui.close();
    }

    private boolean busyShown() {
        return Edt.get(() -> Edt.find(gui.window(), "status.busy", JProgressBar.class).isVisible());
    }

    @Test
    void aSlowRefreshStaysQuietAndASlowRequestShowsProgress() throws Exception {
        CountDownLatch slowNode = new CountDownLatch(1);
        node.gate = slowNode;
        node.height = 1300;
        node.tipListeners.forEach(l -> l.blockTipChanged(node.getTipUnchecked()));
        Edt.waitFor("the refresh to be under way", () -> gui.model().background.inFlight() == 1);
        Thread.sleep(MainWindow.BUSY_DELAY_MILLIS * 3L);
        assertFalse(busyShown(), "a refresh nobody asked for shows no progress");
        slowNode.countDown();
        Edt.waitFor("the refresh", () -> gui.model().tip().height() == 1300);

        CountDownLatch slowWallet = new CountDownLatch(1);
        wallet.gate = slowWallet;
        Edt.run(() -> Edt.find(gui.window(), "receive.new", JButton.class).doClick(0));
        Edt.waitFor("the progress bar for the new address", this::busyShown);
        assertEquals(1, Edt.get(() -> gui.model().background.inFlight()));
        slowWallet.countDown();
        Edt.waitFor("the progress bar to go", () -> !busyShown());
    }
}
