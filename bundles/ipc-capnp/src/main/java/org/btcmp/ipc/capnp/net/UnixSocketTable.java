package org.btcmp.ipc.capnp.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's table of UNIX sockets (/proc/net/unix), read to judge an inherited descriptor without wrapping
 * it: a junixsocket object made only to look would close the descriptor when collected.
 */
final class UnixSocketTable {
    private static final Path TABLE = Path.of("/proc/net/unix");
    private static final int ACCEPTING = 0x10000; // __SO_ACCEPTCON: a listening socket
    private static final int SOCK_STREAM = 1;
    private static final int SS_CONNECTED = 3;

    /** One socket's entry: its flags, type and state as the kernel reports them. */
    record Entry(int flags, int type, int state) {
        boolean listening() {
            return (flags & ACCEPTING) != 0;
        }

        boolean stream() {
            return type == SOCK_STREAM;
        }

        boolean connected() {
            return state == SS_CONNECTED;
        }
    }

    private UnixSocketTable() {
    }

    /** The entry of the UNIX socket with inode {@code inode}, or empty if no UNIX socket has it (e.g. TCP). */
    static Optional<Entry> find(String inode) throws IOException {
        List<String> lines = Files.readAllLines(TABLE);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            // Num RefCount Protocol Flags Type St Inode [Path]
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 7 && fields[6].equals(inode)) {
                return Optional.of(new Entry(Integer.parseInt(fields[3], 16), Integer.parseInt(fields[4], 16),
                        Integer.parseInt(fields[5], 16)));
            }
        }
        return Optional.empty();
    }
}
