package org.btcmp.gui.view;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.btcmp.testsupport.ExternalTool;
import org.junit.jupiter.api.Assertions;

/**
 * The X display GUI tests draw on: the pom sets DISPLAY for the test JVM; when no X server answers
 * there, this starts Xvfb on it (before AWT connects), which stops when the JVM exits. Without Xvfb
 * the tests are skipped loudly, or fail under CI=true; the fixed font is checked the same way.
 */
final class TestDisplay {
    private static boolean ready;

    private TestDisplay() {
    }

    static synchronized void require() throws IOException, InterruptedException {
        if (ready) {
            return;
        }
        String display = System.getenv("DISPLAY");
        if (display == null || !display.matches(":[0-9]+(\\.[0-9]+)?")) {
            ExternalTool.missing("an X display: DISPLAY is '" + display + "' (the gui pom sets it; run the tests through Maven)");
        }
        if (GraphicsEnvironment.isHeadless()) {
            ExternalTool.missing("a non-headless JVM (java.awt.headless=false)");
        }
        Path socket = Path.of("/tmp/.X11-unix/X" + display.substring(1).replaceAll("\\..*", ""));
        if (!answers(socket)) {
            ExternalTool xvfb = ExternalTool.require("Xvfb", "apt-get install xvfb");
            // -terminate: the server exits when its last client (this JVM) disconnects. Killing it from a
            // shutdown hook instead would break AWT's X connection first, and Xlib then exits the JVM with 1.
            Process server = new ProcessBuilder("Xvfb", display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp",
                    "-terminate").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Path lock = Path.of("/tmp/.X" + display.substring(1).replaceAll("\\..*", "") + "-lock");
            long deadline = System.nanoTime() + 30_000_000_000L;
            // Ready once it holds the display lock and has made its socket (probing the socket would count as
            // a client whose departure ends a -terminate server).
            while (!(ownedBy(lock, server.pid()) && Files.exists(socket))) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    Assertions.fail(xvfb + " did not start on " + display + " (exit " + (server.isAlive() ? "none" : server.exitValue())
                            + "); is another server holding the display?");
                }
                Thread.sleep(50);
            }
        }
        if (!Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains(Theme.FONT_FAMILY)) {
            ExternalTool.missing("the font " + Theme.FONT_FAMILY + " (apt-get install fonts-dejavu-core)");
        }
        ready = true;
    }

    private static boolean ownedBy(Path lock, long pid) {
        try {
            return Files.readString(lock).strip().equals(Long.toString(pid));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answers(Path socket) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return c.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }
}
