package org.btcmp.common.init;

import java.nio.file.Path;

/**
 * The values {@code -ipcbind} and {@code -ipcconnect} take, as Core's ipc/process.cpp reads them:
 * {@code unix} (the default socket {@code <datadir>/<network>/node.sock}) or {@code unix:<path>}
 * (relative to the network's data directory).
 */
public final class IpcAddresses {
    /** Longest socket path the kernel takes (sun_path holds 108 bytes with the terminating NUL). */
    static final int MAX_SOCKET_PATH = 107;

    private IpcAddresses() {
    }

    /**
     * The socket path {@code address} names.
     *
     * @throws IllegalArgumentException with Core's wording when it is not a unix address or too long
     */
    public static Path socketPath(String address, Path networkDir, String executableName) {
        Path path;
        if (address.equals("unix")) {
            path = networkDir.resolve(executableName + ".sock");
        } else if (address.startsWith("unix:") && address.length() > "unix:".length()) {
            path = networkDir.resolve(address.substring("unix:".length()));
        } else {
            throw new IllegalArgumentException("Unrecognized address '" + address + "'");
        }
        if (path.toString().length() > MAX_SOCKET_PATH) {
            throw new IllegalArgumentException("Unix address path \"" + path + "\" exceeded maximum socket path length");
        }
        return path;
    }

    /**
     * The file descriptor {@code -ipcfd} names.
     *
     * @throws IllegalArgumentException when it is not a non-negative number
     */
    public static int fileDescriptor(String value) {
        try {
            int fd = Integer.parseInt(value.strip());
            if (fd >= 0) {
                return fd;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Invalid -ipcfd number '" + value + "'");
    }
}
