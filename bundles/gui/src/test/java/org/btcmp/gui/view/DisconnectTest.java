package org.btcmp.gui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import javax.swing.JLabel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node that stops answering shows as disconnected; the GUI retries by itself and recovers when it answers again. */
class DisconnectTest {
    final Fakes.FakeNode node = new Fakes.FakeNode();
    GuiSession gui;

    @BeforeEach
    void open() throws Exception {
        TestDisplay.require();
        gui = Edt.get(() -> GuiSession.build(node, new Fakes.FakeLoader(new Fakes.FakeWallet()), false, ZoneOffset.UTC,
                () -> { }, (a, s, f) -> false, false));
        Edt.waitFor("the first load", () -> gui.model().refreshes() > 0);
    }

    @AfterEach
    void close() {
        gui.close();
    }

    private String status() {
        return Edt.get(() -> Edt.find(gui.window(), "status.connection", JLabel.class).getText());
    }

    @Test
    void lostNodeIsShownAndTheGuiReconnectsWithoutHelp() throws Exception {
        assertEquals("Connected (regtest)", status());
        node.gone = true;
        node.height = 1300;
        node.tipListeners.forEach(l -> l.blockTipChanged(node.getTipUnchecked()));
        Edt.waitFor("the disconnected state", () -> status().equals("Disconnected from the node: retrying…"));
        assertEquals(1234, Edt.get(() -> gui.model().tip().height()), "what was shown stays until the node is back");
        node.gone = false;
        Edt.waitFor("the reconnection by the retry timer", () -> status().equals("Connected (regtest)"));
        Edt.waitFor("the tip after reconnecting", () -> gui.model().tip().height() == 1300);
    }

    @Test
    void aStormOfNotificationsIsCoalescedIntoAFewRefreshesEndingAtTheLastTip() throws Exception {
        long before = Edt.get(() -> gui.model().refreshes());
        long t0 = System.nanoTime();
        for (int h = 1235; h <= 1264; h++) { // 30 blocks, one every 20 ms: each would otherwise be a refresh of its own
            node.height = h;
            node.tipListeners.forEach(l -> l.blockTipChanged(node.getTipUnchecked()));
            Thread.sleep(20);
        }
        Edt.waitFor("the last tip", () -> gui.model().tip().height() == 1264);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long applied = Edt.get(() -> gui.model().refreshes()) - before;
        // one refresh per started interval, plus the one in flight at the end
        long bound = millis / WalletModel.REFRESH_INTERVAL_MILLIS + 2;
        org.junit.jupiter.api.Assertions.assertTrue(applied >= 1 && applied <= bound,
                applied + " refreshes in " + millis + " ms for 30 notifications (at most " + bound + ")");
    }
}
