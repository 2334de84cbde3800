package org.btcmp.gui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JProgressBar;
import javax.swing.JTextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failure behind the interfaces, an Error as well as a RuntimeException, reaches the person (the
 * status bar, or the screen that asked) and the log; the window stays usable and the next call works.
 */
class BackgroundFailureTest {
    final Fakes.FakeNode node = new Fakes.FakeNode();
    final Fakes.FakeWallet wallet = new Fakes.FakeWallet();
    GuiSession gui;

    @AfterEach
    void close() {
        if (gui != null) {
            gui.close();
        }
    }

    private void open() throws Exception {
        TestDisplay.require();
        gui = Edt.get(() -> GuiSession.build(node, new Fakes.FakeLoader(wallet), false, ZoneOffset.UTC, () -> { },
                (a, s, f) -> true, false));
    }

    private String label(String name) {
        return Edt.get(() -> Edt.find(gui.window(), name, JLabel.class).getText());
    }

    private boolean problemShown() {
        return Edt.get(() -> Edt.find(gui.window(), "status.problem", JLabel.class).isVisible());
    }

    private void newTip(int height) {
        node.height = height;
        node.tipListeners.forEach(l -> l.blockTipChanged(node.getTipUnchecked()));
    }

    @Test
    void anErrorOrExceptionDuringARefreshIsShownAndTheNextBlockRefreshesAgain() throws Exception {
        open();
        Edt.waitFor("the first load", () -> gui.model().refreshes() > 0);
        for (Throwable fault : List.of(new AssertionError("tip index corrupt"), new IllegalStateException("disk full"))) {
            long before = Edt.get(() -> gui.model().refreshes());
            node.fault = fault;
            newTip(1300);
            String expected = "Loading the balances and transactions failed: "
                    + (fault instanceof Error ? "internal error (AssertionError): tip index corrupt" : "disk full");
            Edt.waitFor("the problem in the status bar", () -> problemShown() && label("status.problem").equals(expected));
            assertEquals(0, Edt.get(() -> gui.model().background.inFlight()), "nothing stays in flight");
            assertFalse(Edt.get(() -> Edt.find(gui.window(), "status.busy", JProgressBar.class).isVisible()));
            assertEquals("Connected (regtest)", label("status.connection"), "a bug is not a lost connection");
            assertEquals(before, Edt.get(() -> gui.model().refreshes()));

            node.fault = null;
            newTip(1301);
            Edt.waitFor("the next block's refresh", () -> gui.model().tip().height() == 1301);
            Edt.waitFor("the problem to go once the work succeeds", () -> !problemShown());
            node.height = 1234;
        }
    }

    @Test
    void aFailedFirstLoadIsShownAndRetried() throws Exception {
        node.fault = new NoClassDefFoundError("org/example/Missing");
        open();
        Edt.waitFor("the problem", () -> problemShown()
                && label("status.problem").equals("Connecting to the node failed: internal error (NoClassDefFoundError): "
                        + "org/example/Missing"));
        assertEquals(0L, Edt.get(() -> gui.model().refreshes()));
        node.fault = null;
        Edt.run(() -> gui.model().refresh()); // what the status bar's problem does when clicked
        Edt.waitFor("the wallet after the retry", () -> gui.model().refreshes() > 0 && "demo".equals(gui.model().walletName()));
        assertFalse(problemShown());
        newTip(1240);
        Edt.waitFor("notifications after the retry", () -> gui.model().tip().height() == 1240);
        assertEquals(1, node.tipListeners.size(), "one subscription to the tip, not one per attempt");
    }

    @Test
    void aSendThatThrowsIsReportedOnTheSendScreenAndTheFormStaysUsable() throws Exception {
        open();
        Edt.waitFor("the wallet", () -> gui.model().refreshes() > 0 && gui.model().wallet() != null);
        JButton send = Edt.find(gui.window(), "send.button", JButton.class);
        for (Throwable fault : List.of(new AssertionError("signing bug"), new IllegalArgumentException("Insufficient funds"))) {
            wallet.sendFault = fault;
            Edt.run(() -> {
                Edt.find(gui.window(), "send.address", JTextField.class).setText(Fakes.OTHER_ADDRESS);
                Edt.find(gui.window(), "send.amount", JTextField.class).setText("0.1");
                send.doClick();
            });
            String expected = "Not sent: " + (fault instanceof Error ? "internal error (AssertionError): signing bug"
                    : "Insufficient funds");
            Edt.waitFor("the refusal", () -> label("send.result").equals(expected));
            assertTrue(Edt.get(send::isEnabled), "the form can be sent again");
            assertEquals(Fakes.OTHER_ADDRESS, Edt.get(() -> Edt.find(gui.window(), "send.address", JTextField.class).getText()),
                    "what was typed is kept");
        }
        assertTrue(wallet.sends.isEmpty());
        wallet.sendFault = null;
        Edt.run(send::doClick);
        Edt.waitFor("the send", () -> label("send.result").startsWith("Sent 0.10000000 BTC: "));
        assertEquals(List.of(Fakes.OTHER_ADDRESS + " 10000000 12000"), wallet.sends);
    }

    @Test
    void everyFailureIsLoggedAndAHandlerThatThrowsBecomesAProblem() throws Exception {
        RecordingLogger log = new RecordingLogger();
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        try (Background background = new Background(log)) {
            background.onProblem((what, message) -> problems.add(what + " | " + message));
            Error bug = new OutOfMemoryError("Java heap space");
            background.run("Loading", () -> {
                throw bug;
            }, r -> { });
            RuntimeException refused = new IllegalStateException("refused");
            background.run("Sending", () -> {
                throw refused;
            }, r -> { }, seen::set);
            background.run("Showing", () -> 42, r -> {
                throw new ArithmeticException("/ by zero");
            });
            Edt.waitFor("three results", () -> background.inFlight() == 0 && problems.size() >= 3 && seen.get() != null);
            assertSame(refused, seen.get(), "the caller's own handler gets the exception");
            // the two workers may finish in either order
            assertEquals(List.of("Loading | Loading failed: internal error (OutOfMemoryError): Java heap space",
                    "Showing | Showing failed: / by zero", "Showing | null"), problems.stream().sorted().toList());
            assertEquals(List.of("ERROR Showing: showing the result failed ArithmeticException",
                    "WARNING Loading failed OutOfMemoryError", "WARNING Sending failed IllegalStateException"),
                    log.sorted());
            // the pool lost no thread to the Error: both workers still answer
            AtomicReference<Integer> after = new AtomicReference<>();
            background.run("Again", () -> 1, x -> background.run("Again", () -> x + 1, after::set));
            Edt.waitFor("work after the failures", () -> Integer.valueOf(2).equals(after.get()));
        }
    }

    /** Keeps "LEVEL message ThrowableClass" for each record. */
    static final class RecordingLogger implements System.Logger {
        final List<String> records = new ArrayList<>();

        synchronized List<String> sorted() {
            return records.stream().sorted().toList();
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            records.add(level + " " + msg + " " + thrown.getClass().getSimpleName());
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
            records.add(level + " " + format);
        }
    }
}
