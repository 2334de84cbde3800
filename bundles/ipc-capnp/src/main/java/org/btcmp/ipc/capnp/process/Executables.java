package org.btcmp.ipc.capnp.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.btcmp.ipc.IpcException;

/**
 * Finds the file a command names, as execvp would, so that a missing or non-executable program is reported
 * clearly: posix_spawn's own error code does not survive jnr-posix.
 */
final class Executables {
    private Executables() {
    }

    static Path resolve(String command, String pathVariable) {
        String action = "cannot start " + command;
        if (command.isEmpty()) {
            throw new IpcException("cannot start a child: the command is empty");
        }
        if (command.contains("/")) {
            return check(Path.of(command).toAbsolutePath(), action);
        }
        String searched = pathVariable == null ? "" : pathVariable;
        for (String directory : searched.split(File.pathSeparator, -1)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, command).toAbsolutePath();
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IpcException(action + ": no such executable in PATH (" + searched + ")");
    }

    private static Path check(Path file, String action) {
        if (!Files.exists(file)) {
            throw new IpcException(action + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IpcException(action + ": it is not a regular file");
        }
        if (!Files.isExecutable(file)) {
            throw new IpcException(action + ": it is not executable");
        }
        return file;
    }
}
