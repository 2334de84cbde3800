package org.btcmp.ipc.capnp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Context switches of every thread of this JVM so far (Linux /proc), to tell how many thread hand-offs
 * an exchange costs: on one CPU each is a switch, and they, more than our code, set the round trip.
 */
public final class ContextSwitches {
    private ContextSwitches() {
    }

    /** Voluntary plus involuntary switches of all live threads; -1 where /proc is missing. */
    public static long count() {
        return sum(true);
    }

    /**
     * Voluntary switches only (a thread blocking: waiting for a socket, a lock or its mailbox), which on
     * a busy machine count the hand-offs without the preemptions other processes cause; -1 without /proc.
     */
    public static long voluntary() {
        return sum(false);
    }

    private static long sum(boolean involuntaryToo) {
        long total = 0;
        List<Path> tasks;
        try (Stream<Path> listing = Files.list(Path.of("/proc/self/task"))) {
            tasks = listing.toList();
        } catch (IOException e) {
            return -1;
        }
        for (Path task : tasks) {
            try {
                for (String line : Files.readAllLines(task.resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches")
                            || involuntaryToo && line.startsWith("nonvoluntary_ctxt_switches")) {
                        total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            } catch (IOException threadEnded) {
                // its switches are gone with it
            }
        }
        return total;
    }
}
