package org.btcmp.ipc.capnp.rpc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The lines a running C++ peer prints, collected by a thread so a test can wait for one. */
final class PeerOutput {
    private static final long WAIT_SECONDS = 30;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    PeerOutput(Process process) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<output failed: " + e + ">");
            }
        }, "cxx-peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the next line and checks it is {@code expected}. */
    void expect(String expected) throws InterruptedException {
        String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            fail("the C++ peer printed nothing within " + WAIT_SECONDS + " s; expected: " + expected);
        }
        if (!line.equals(expected)) {
            fail("the C++ peer printed [" + line + "], expected [" + expected + "]");
        }
    }
}
