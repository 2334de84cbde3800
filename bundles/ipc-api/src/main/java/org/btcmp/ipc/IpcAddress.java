package org.btcmp.ipc;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an {@link org.btcmp.interfaces.Init} is served, written {@code scheme:target}: {@code local:node}
 * (in-process, by name), {@code unix:/path/node.sock} (a UNIX socket), {@code fd:3} (an inherited descriptor).
 * Which schemes work depends on the transports installed ({@link Transport#supports}).
 */
public record IpcAddress(String scheme, String target) {

    public static final String LOCAL = "local";
    public static final String UNIX = "unix";
    public static final String FD = "fd";

    public IpcAddress {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(target, "target");
        if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
            throw new IllegalArgumentException("bad IPC address scheme '" + scheme + "'");
        }
        if (target.isEmpty()) {
            throw new IllegalArgumentException("IPC address '" + scheme + ":' names no target");
        }
    }

    /**
     * Parses {@code scheme:target}.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static IpcAddress parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("bad IPC address '" + text + "': expected scheme:target, e.g. unix:/path/node.sock");
        }
        return new IpcAddress(text.substring(0, colon), text.substring(colon + 1));
    }

    /** An in-process address, by name. */
    public static IpcAddress local(String name) {
        return new IpcAddress(LOCAL, name);
    }

    /** A UNIX socket at {@code path}. */
    public static IpcAddress unix(Path path) {
        return new IpcAddress(UNIX, path.toString());
    }

    /** An already connected socket inherited as file descriptor {@code fd}. */
    public static IpcAddress fd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("bad file descriptor " + fd);
        }
        return new IpcAddress(FD, Integer.toString(fd));
    }

    @Override
    public String toString() {
        return scheme + ":" + target;
    }
}
