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
 * console), against a real regtest node and wallet in this process. Needs an X display.
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
                    meter.reset();
                    scenario(regtest, gui, bob);
                    System.out.printf("longest event-thread stall during the scenario: %.1f ms (%s)%n", meter.longestMillis(),
                            meter.longestEvent());
                    gui.close();
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

    private static void scenario(RegtestMonolith regtest, GuiSession gui, Wallet bob) throws Exception {
        MainWindow w = gui.window();
        Edt.run(() -> w.tabs().setSelectedIndex(2));
        Edt.run(() -> Edt.find(w, "receive.new", JButton.class).doClick());
        Edt.waitFor("address", () -> !Edt.find(w, "receive.address", JTextField.class).getText().isEmpty());
        String address = Edt.get(() -> Edt.find(w, "receive.address", JTextField.class).getText());
        long before = Edt.get(() -> gui.model().refreshes());
        regtest.mine(101, address);
        Edt.waitFor("balance", () -> gui.model().refreshes() > before && gui.model().tip().height() == 211);
        Edt.run(() -> w.tabs().setSelectedIndex(1));
        String to = bob.getNewAddress("bech32", "");
        Edt.run(() -> {
            Edt.find(w, "send.address", JTextField.class).setText(to);
            Edt.find(w, "send.amount", JTextField.class).setText("1.25");
        });
        // the scenario's confirmation is the real dialog; the benchmark answers it as a person would
        javax.swing.SwingUtilities.invokeLater(() -> Edt.find(w, "send.button", JButton.class).doClick());
        Edt.waitFor("confirmation", () -> Edt.window("Confirm send") != null);
        Edt.run(() -> Edt.all(Edt.window("Confirm send"), JButton.class).stream()
                .filter(b -> "Send".equals(b.getText())).findFirst().orElseThrow().doClick());
        Edt.waitFor("sent", () -> w.send.sentCount() == 1);
        Edt.run(() -> w.tabs().setSelectedIndex(3));
        JTable table = Edt.find(w, "tx.table", JTable.class);
        Edt.waitFor("listed", () -> table.getRowCount() >= 3);
        Edt.run(w::showNodeWindow);
        Edt.run(w::showConsole);
        Edt.run(() -> {
            JTextField input = Edt.find(w.console, "console.input", JTextField.class);
            input.setText("getblockchaininfo");
            w.console.submit();
        });
        Edt.run(() -> w.tabs().dispatchEvent(new KeyEvent(w.tabs(), KeyEvent.KEY_PRESSED, System.currentTimeMillis(),
                MainWindow.MENU_MASK, KeyEvent.VK_1, KeyEvent.CHAR_UNDEFINED)));
        Edt.waitFor("idle", () -> gui.model().background.inFlight() == 0);
    }
}
