package org.btcmp.node.chain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.btcmp.primitives.Hashes;

/**
 * Append-only record files as Core lays them out: {@code blkNNNNN.dat} (network magic, length,
 * block) and {@code revNNNNN.dat} (magic, length, undo data, checksum). Each append is forced to
 * disk before its position is handed out, so an index entry never points at unsynced bytes.
 */
final class BlockFiles implements AutoCloseable {
    static final long MAX_FILE_SIZE = 128L * 1024 * 1024;

    private final Path dir;
    private final String prefix;
    private final int magic;
    private final boolean checksum;
    private int currentFile;
    private FileChannel channel;

    BlockFiles(Path dir, String prefix, int magic, boolean checksum) throws IOException {
        this.dir = dir;
        this.prefix = prefix;
        this.magic = magic;
        this.checksum = checksum;
        Files.createDirectories(dir);
        int n = 0;
        while (Files.exists(path(n + 1))) {
            n++;
        }
        currentFile = n;
        channel = open(n);
    }

    private Path path(int n) {
        return dir.resolve(String.format("%s%05d.dat", prefix, n));
    }

    private FileChannel open(int n) throws IOException {
        return FileChannel.open(path(n), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    }

    /** Appends one record and syncs it; returns where its payload starts. */
    synchronized BlockIndex.FilePos append(byte[] payload) throws IOException {
        int extra = checksum ? 32 : 0;
        if (channel.size() + payload.length + 8 + extra > MAX_FILE_SIZE && channel.size() > 0) {
            channel.force(true);
            channel.close();
            currentFile++;
            channel = open(currentFile);
        }
        long start = channel.size();
        ByteBuffer buf = ByteBuffer.allocate(8 + payload.length + extra).order(ByteOrder.LITTLE_ENDIAN);
        buf.order(ByteOrder.BIG_ENDIAN).putInt(magic).order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length);
        buf.put(payload);
        if (checksum) {
            buf.put(Hashes.sha256d(payload));
        }
        buf.flip();
        long pos = start;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
        channel.force(false);
        return new BlockIndex.FilePos(currentFile, start + 8);
    }

    /** Reads the record at {@code pos}; an IOException says what is wrong (truncated, bad magic, checksum). */
    byte[] read(BlockIndex.FilePos pos) throws IOException {
        try (FileChannel ch = FileChannel.open(path(pos.file()), StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(8);
            if (ch.read(head, pos.offset() - 8) != 8) {
                throw new IOException(prefix + " record at " + pos + " is truncated");
            }
            head.flip();
            if (head.order(ByteOrder.BIG_ENDIAN).getInt() != magic) {
                throw new IOException(prefix + " record at " + pos + " has the wrong magic");
            }
            int len = head.order(ByteOrder.LITTLE_ENDIAN).getInt();
            int extra = checksum ? 32 : 0;
            if (len < 0 || pos.offset() + len + extra > ch.size()) {
                throw new IOException(prefix + " record at " + pos + " runs past the end of the file");
            }
            ByteBuffer body = ByteBuffer.allocate(len + extra);
            while (body.hasRemaining()) {
                if (ch.read(body, pos.offset() + body.position()) < 0) {
                    throw new IOException(prefix + " record at " + pos + " is truncated");
                }
            }
            byte[] all = body.array();
            byte[] payload = Arrays.copyOf(all, len);
            if (checksum && !Arrays.equals(Hashes.sha256d(payload), Arrays.copyOfRange(all, len, len + 32))) {
                throw new IOException(prefix + " record at " + pos + " fails its checksum");
            }
            return payload;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
