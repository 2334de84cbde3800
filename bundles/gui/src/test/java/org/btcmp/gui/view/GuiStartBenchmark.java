package org.btcmp.gui.view;

import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JTable;
import javax.swing.JTextField;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletLoader;

/**
 * bench/gui-start: time from opening the GUI to a usable window (balances and history shown), cold
 * (first open in this JVM) and warm (median of later opens), and the longest event-thread stall
 * during the GUI scenario of GuiRegtestTest (address, 101 blocks mined, send, lists, node window,
 * console), against a real regtest node and wallet in this process. Needs an X display. Buttons are
 * pressed with doClick(0): Swing's doClick() holds the button down for 68 ms on the event thread, a
 * stall of the harness, not of the GUI.
 */
public final class GuiStartBenchmark {
    private GuiStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmRuns = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("gui-bench");
        try (RegtestMonolith regtest = new RegtestMonolith(dir)) {
            Wallet alice = regtest.loader().createWallet("alice", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
            Wallet bob = regtest.loader().createWallet("bob", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
            regtest.mine(110, alice.getNewAddress("bech32", ""));
            EdtStallMeter meter = EdtStallMeter.install();
            List<Double> opens = new ArrayList<>();
            double startupStall = 0;
            for (int i = 0; i <= warmRuns; i++) {
                meter.reset();
                long t0 = System.nanoTime();
                GuiSession gui = GuiSession.open(regtest.nodeInterface, regtest.loader(), false, ZoneOffset.UTC, () -> { });
                Edt.waitFor("usable", () -> gui.model().refreshes() > 0 && gui.model().wallet() != null
                        && gui.window().isShowing());
                opens.add((System.nanoTime() - t0) / 1e6);
                startupStall = Math.max(startupStall, i == 0 ? 0 : meter.longestMillis());
                if (i < warmRuns) {
                    gui.close();
                } else {
                    scenario(regtest, gui, bob, meter, "first run in this window");
                    gui.close();
                    GuiSession again = GuiSession.open(regtest.nodeInterface, regtest.loader(), false, ZoneOffset.UTC, () -> { });
                    Edt.waitFor("usable", () -> again.model().refreshes() > 0 && again.window().isShowing());
                    scenario(regtest, again, bob, meter, "again, in a new window (warm JVM)");
                    again.close();
                }
            }
            List<Double> warm = new ArrayList<>(opens.subList(1, opens.size()));
            Collections.sort(warm);
            System.out.printf("open to usable window: cold %.0f ms, warm median %.0f ms (range %.0f-%.0f, %d runs)%n",
                    opens.get(0), warm.get(warm.size() / 2), warm.get(0), warm.get(warm.size() - 1), warm.size());
            System.out.printf("longest event-thread stall while a warm window opens: %.1f ms%n", startupStall);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** One step of the scenario, with the longest event-thread stall during it. */
    private interface Step {
        void run() throws Exception;
    }

    private static double longest;
    private static double mostCpu;

    private static void step(EdtStallMeter meter, String name, Step step) throws Exception {
        meter.reset();
        step.run();
        Edt.run(() -> { });
        System.out.printf("  %-40s longest stall %5.1f ms (%4.1f ms on the CPU; most CPU in one event %4.1f ms; %5d events,"
                + " %6.1f ms CPU)  %s%n", name, meter.longestMillis(), meter.longestCpuMillis(), meter.mostCpuMillis(),
                meter.events(), meter.cpuMillis(), meter.longestEvent());
        if (meter.events() > 100) {
            System.out.println("    most frequent events: " + meter.commonest(4));
        }
        longest = Math.max(longest, meter.longestMillis());
        mostCpu = Math.max(mostCpu, meter.mostCpuMillis());
    }

    private static void scenario(RegtestMonolith regtest, GuiSession gui, Wallet bob, EdtStallMeter meter, String which)
            throws Exception {
        longest = 0;
        mostCpu = 0;
        System.out.println("scenario, " + which + " (event-thread stalls per step):");
        scenarioSteps(regtest, gui, bob, meter);
        System.out.printf("longest event-thread stall during the scenario: %.1f ms (most CPU time in one event: %.1f ms)%n",
                longest, mostCpu);
    }

    private static void scenarioSteps(RegtestMonolith regtest, GuiSession gui, Wallet bob, EdtStallMeter meter)
            throws Exception {
        MainWindow w = gui.window();
        String[] address = new String[1];
        step(meter, "Receive tab, new address", () -> {
            Edt.run(() -> w.tabs().setSelectedIndex(2));
            Edt.run(() -> Edt.find(w, "receive.new", JButton.class).doClick(0));
            Edt.waitFor("address", () -> !Edt.find(w, "receive.address", JTextField.class).getText().isEmpty());
            address[0] = Edt.get(() -> Edt.find(w, "receive.address", JTextField.class).getText());
        });
        step(meter, "101 blocks mined, balance follows", () -> {
            int target = regtest.node.chain().height() + 101;
            regtest.mine(101, address[0]);
            Edt.waitFor("balance", () -> gui.model().tip().height() == target && gui.model().background.inFlight() == 0);
        });
        String to = bob.getNewAddress("bech32", "");
        step(meter, "Send tab, form typed", () -> {
            Edt.run(() -> w.tabs().setSelectedIndex(1));
            Edt.run(() -> Edt.find(w, "send.address", JTextField.class).setText(to));
            Edt.run(() -> Edt.find(w, "send.amount", JTextField.class).setText("1.25"));
        });
        step(meter, "confirmation dialog opens", () -> {
            javax.swing.SwingUtilities.invokeLater(() -> Edt.find(w, "send.button", JButton.class).doClick(0));
            Edt.waitFor("confirmation", () -> Edt.window("Confirm send") != null);
        });
        step(meter, "confirmed, sent, lists refreshed", () -> {
            Edt.run(() -> Edt.all(Edt.window("Confirm send"), JButton.class).stream()
                    .filter(b -> "Send".equals(b.getText())).findFirst().orElseThrow().doClick(0));
            Edt.waitFor("sent", () -> w.send.sentCount() == 1 && gui.model().background.inFlight() == 0);
        });
        step(meter, "Transactions tab", () -> {
            Edt.run(() -> w.tabs().setSelectedIndex(3));
            JTable table = Edt.find(w, "tx.table", JTable.class);
            Edt.waitFor("listed", () -> table.getRowCount() >= 3);
        });
        step(meter, "node window opens (first time)", () -> {
            Edt.run(w::showNodeWindow);
            Edt.waitFor("idle", () -> gui.model().background.inFlight() == 0);
        });
        step(meter, "RPC console opens (first time), one command", () -> {
            Edt.run(w::showConsole);
            Edt.run(() -> {
                JTextField input = Edt.find(w.console, "console.input", JTextField.class);
                input.setText("getblockchaininfo");
                w.console.submit();
            });
            Edt.waitFor("idle", () -> gui.model().background.inFlight() == 0);
        });
        step(meter, "Ctrl+1 back to the overview", () -> {
            Edt.run(() -> w.tabs().dispatchEvent(new KeyEvent(w.tabs(), KeyEvent.KEY_PRESSED, System.currentTimeMillis(),
                    MainWindow.MENU_MASK, KeyEvent.VK_1, KeyEvent.CHAR_UNDEFINED)));
            Edt.waitFor("idle", () -> gui.model().background.inFlight() == 0);
        });
    }
}
