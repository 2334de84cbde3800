package org.btcmp.gui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JTextField;
import org.btcmp.interfaces.WalletBalances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every screen rendered at a fixed size from fixed data (fake Node and Wallet, fixed times shown in
 * UTC, nothing read from the clock, DejaVu Sans) and compared with the reference PNG under
 * src/test/resources/screenshots (tolerance in {@link ImageCompare}). A changed screen fails; a
 * failure leaves actual and diff images in target/screenshots. {@code -Dgui.screenshots.update=true}
 * rewrites the references instead (review them before committing).
 */
class ScreenshotTest {
    static final Path REFERENCES = Path.of("src/test/resources/screenshots");
    static final Path OUTPUT = Path.of("target/screenshots");
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    final Fakes.FakeNode node = new Fakes.FakeNode();
    final Fakes.FakeWallet wallet = new Fakes.FakeWallet();
    GuiSession gui;

    @AfterEach
    void close() {
        if (gui != null) {
            gui.close();
        }
        Edt.run(() -> Theme.apply(false));
    }

    /** Opens the GUI on the fakes, laid out but never shown (no focus, no caret, no window manager). */
    private void open(boolean dark) throws Exception {
        TestDisplay.require();
        gui = Edt.get(() -> GuiSession.build(node, new Fakes.FakeLoader(wallet), dark, ZoneOffset.UTC, () -> { },
                (a, s, f) -> false, false));
        Edt.waitFor("the first load", () -> gui.model().refreshes() > 0 && gui.model().wallet() != null);
        settle();
    }

    /** Waits until no call is in flight and the event queue has run what they posted. */
    private void settle() throws Exception {
        Edt.waitFor("the calls to finish", () -> gui.model().background.inFlight() == 0);
        Edt.run(() -> { });
        Edt.waitFor("the calls to finish", () -> gui.model().background.inFlight() == 0);
    }

    private BufferedImage render(JFrame frame, int w, int h) {
        return Edt.get(() -> {
            frame.pack();
            frame.setSize(w, h);
            frame.validate();
            JComponent root = frame.getRootPane();
            BufferedImage img = new BufferedImage(root.getWidth(), root.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            root.paint(g);
            g.dispose();
            return img;
        });
    }

    private BufferedImage tab(int index) throws Exception {
        Edt.run(() -> gui.window().tabs().setSelectedIndex(index));
        settle();
        return render(gui.window(), WIDTH, HEIGHT);
    }

    private static void check(String name, BufferedImage actual) throws IOException {
        Path reference = REFERENCES.resolve(name + ".png");
        if (Boolean.getBoolean("gui.screenshots.update")) {
            Files.createDirectories(REFERENCES);
            ImageIO.write(actual, "png", reference.toFile());
            return;
        }
        Files.createDirectories(OUTPUT);
        if (!Files.exists(reference)) {
            ImageIO.write(actual, "png", OUTPUT.resolve(name + ".png").toFile());
            fail("no reference image " + reference + ": review " + OUTPUT.resolve(name + ".png")
                    + " and run with -Dgui.screenshots.update=true");
        }
        ImageCompare.Result r = ImageCompare.compare(ImageIO.read(reference.toFile()), actual);
        if (!r.matches()) {
            ImageIO.write(actual, "png", OUTPUT.resolve(name + ".png").toFile());
            ImageIO.write(r.diff(), "png", OUTPUT.resolve(name + "-diff.png").toFile());
            fail(name + ": " + r.differing() + " pixels differ from " + reference + " (allowed "
                    + ImageCompare.MAX_DIFFERING + "); see " + OUTPUT);
        }
    }

    @Test
    void overview() throws Exception {
        open(false);
        check("overview", tab(0));
    }

    @Test
    void overviewDark() throws Exception {
        open(true);
        check("overview-dark", tab(0));
    }

    @Test
    void sendWithAnInlineError() throws Exception {
        open(false);
        Edt.run(() -> {
            Edt.find(gui.window(), "send.address", JTextField.class).setText(Fakes.OTHER_ADDRESS);
            Edt.find(gui.window(), "send.amount", JTextField.class).setText("2.5");
        });
        check("send", tab(1));
    }

    @Test
    void sendWithTheFeePreview() throws Exception {
        open(false);
        Edt.run(() -> {
            Edt.find(gui.window(), "send.address", JTextField.class).setText(Fakes.OTHER_ADDRESS);
            Edt.find(gui.window(), "send.amount", JTextField.class).setText("0.5");
        });
        Edt.waitFor("the fee preview", () -> Edt.find(gui.window(), "send.feePreview", javax.swing.JLabel.class).getText()
                .startsWith("Estimated fee: "));
        check("send-fee", tab(1));
    }

    @Test
    void receiveWithUriAndQrCode() throws Exception {
        open(false);
        Edt.run(() -> {
            Edt.find(gui.window(), "receive.label", JTextField.class).setText("coffee");
            Edt.find(gui.window(), "receive.amount", JTextField.class).setText("0.001");
            Edt.find(gui.window(), "receive.new", javax.swing.JButton.class).doClick();
        });
        Edt.waitFor("the address", () -> !Edt.find(gui.window(), "receive.address", JTextField.class).getText().isEmpty());
        check("receive", tab(2));
    }

    @Test
    void transactions() throws Exception {
        open(false);
        check("transactions", tab(3));
    }

    @Test
    void nodeWindow() throws Exception {
        open(false);
        JFrame frame = Edt.get(() -> {
            JFrame f = new JFrame("Node information");
            f.getContentPane().add(gui.window().nodePanel);
            return f;
        });
        Edt.run(() -> gui.window().nodePanel.reload());
        settle();
        try {
            check("node", render(frame, 560, 380));
        } finally {
            Edt.run(frame::dispose);
        }
    }

    @Test
    void rpcConsole() throws Exception {
        open(false);
        JFrame frame = Edt.get(() -> {
            JFrame f = new JFrame("RPC console");
            f.getContentPane().add(gui.window().console);
            JTextField input = Edt.find(gui.window().console, "console.input", JTextField.class);
            input.setText("getblockchaininfo");
            gui.window().console.submit();
            input.setText("nosuchcommand 1 \"two words\"");
            gui.window().console.submit();
            return f;
        });
        settle();
        try {
            check("console", render(frame, 720, 480));
        } finally {
            Edt.run(frame::dispose);
        }
    }

    /** The negative control: the same screen with one number changed must fail the comparison. */
    @Test
    void aChangedScreenFailsTheComparison() throws Exception {
        open(false);
        BufferedImage same = tab(0);
        assertEquals(0, ImageCompare.compare(same, tab(0)).differing(), "rendering the same screen twice is exact");
        wallet.balances = new WalletBalances(160_000_000L, 2_500_000L, 5_000_000_000L);
        Edt.run(() -> gui.model().refresh());
        Edt.waitFor("the new balance", () -> gui.model().balances().trusted() == 160_000_000L);
        BufferedImage changed = tab(0);
        ImageCompare.Result r = ImageCompare.compare(same, changed);
        assertFalse(r.matches(), "1.5 → 1.6 BTC went unnoticed: " + r.differing());
        Path reference = REFERENCES.resolve("overview.png");
        if (Files.exists(reference)) {
            assertFalse(ImageCompare.compare(ImageIO.read(reference.toFile()), changed).matches(),
                    "the changed screen must not match the checked-in reference");
        }
        assertEquals(100, ImageCompare.compare(same, new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB)).differing(),
                "a different size differs everywhere");
    }
}
