package org.btcmp.ipc.capnp.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.ipc.IpcException;

/** The file descriptors this process has open, from /proc: what a child would inherit unless closed. */
final class OpenDescriptors {
    private static final Path PROC_SELF_FD = Path.of("/proc/self/fd");

    private OpenDescriptors() {
    }

    /** Every open descriptor number, including the one used for listing (closed again by the time this returns). */
    static List<Integer> list() {
        List<Integer> numbers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC_SELF_FD)) {
            for (Path entry : entries) {
                numbers.add(Integer.parseInt(entry.getFileName().toString()));
            }
        } catch (IOException | NumberFormatException e) {
            throw new IpcException("cannot list this process's open file descriptors in " + PROC_SELF_FD + ": " + e, e);
        }
        return numbers;
    }
}
