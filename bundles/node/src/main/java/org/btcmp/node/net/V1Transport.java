package org.btcmp.node.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The v1 transport: a 24-byte header (magic, 12-byte NUL-padded command, payload length, checksum = first
 * four bytes of the payload's double SHA-256) followed by the payload.
 */
final class V1Transport implements MessageTransport {
    static final int HEADER_SIZE = 24;
    static final int COMMAND_SIZE = 12;

    private final int magic;

    V1Transport(P2pNetwork network) {
        this.magic = network.magic();
    }

    @Override
    public byte[] encode(String command, byte[] payload) {
        byte[] name = command.getBytes(StandardCharsets.US_ASCII);
        if (name.length > COMMAND_SIZE) {
            throw new IllegalArgumentException("command longer than 12 bytes: " + command);
        }
        byte[] out = new byte[HEADER_SIZE + payload.length];
        putBigEndian(out, 0, magic);
        System.arraycopy(name, 0, out, 4, name.length);
        int length = payload.length;
        for (int i = 0; i < 4; i++) {
            out[16 + i] = (byte) (length >>> (8 * i));
        }
        putBigEndian(out, 20, Sha256d.checksum(payload));
        System.arraycopy(payload, 0, out, HEADER_SIZE, payload.length);
        return out;
    }

    /**
     * Reads the next message. Returns null at a clean end of stream (between messages).
     *
     * @throws FramingException wrong magic or a length over the 4 MB limit: Core disconnects
     * @throws EOFException the stream ended inside a message
     */
    @Override
    public Frame read(InputStream in) throws IOException, FramingException {
        byte[] header = in.readNBytes(HEADER_SIZE);
        if (header.length == 0) {
            return null;
        }
        if (header.length < HEADER_SIZE) {
            throw new EOFException("stream ended after " + header.length + " of 24 header bytes");
        }
        int got = getBigEndian(header, 0);
        if (got != magic) {
            throw new FramingException(String.format("wrong magic %08x, expected %08x", got, magic));
        }
        String command = commandOf(header);
        long length = getLittleEndian(header, 16) & 0xffffffffL;
        if (length > ProtocolLimits.MAX_MESSAGE_LENGTH) {
            throw new FramingException("message '" + printable(command) + "' of " + length
                    + " bytes exceeds the " + ProtocolLimits.MAX_MESSAGE_LENGTH + "-byte limit");
        }
        // readNBytes grows its buffer as data arrives, so a header alone cannot make us allocate 4 MB.
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new EOFException("stream ended after " + payload.length + " of " + length
                    + " payload bytes of '" + printable(command) + "'");
        }
        int checksum = getBigEndian(header, 20);
        int expected = Sha256d.checksum(payload);
        if (checksum != expected) {
            return new Frame(command, payload, String.format("wrong checksum for '%s' (%d bytes): expected"
                    + " %08x, was %08x", printable(command), length, expected, checksum));
        }
        if (!commandValid(header)) {
            return new Frame(command, payload, "invalid message type '" + printable(command) + "'");
        }
        return new Frame(command, payload, null);
    }

    /** Core's rule: printable ASCII up to the first NUL, only NULs after it. */
    static boolean commandValid(byte[] header) {
        boolean padding = false;
        for (int i = 4; i < 4 + COMMAND_SIZE; i++) {
            int c = header[i] & 0xff;
            if (padding) {
                if (c != 0) {
                    return false;
                }
            } else if (c == 0) {
                padding = true;
            } else if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String commandOf(byte[] header) {
        int end = 4;
        while (end < 4 + COMMAND_SIZE && header[end] != 0) {
            end++;
        }
        return new String(header, 4, end - 4, StandardCharsets.ISO_8859_1);
    }

    /** For log lines and errors: non-printable characters shown as escapes. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c));
            }
        }
        return out.toString();
    }

    private static void putBigEndian(byte[] out, int at, int v) {
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (v >>> (24 - 8 * i));
        }
    }

    private static int getBigEndian(byte[] in, int at) {
        return (in[at] & 0xff) << 24 | (in[at + 1] & 0xff) << 16 | (in[at + 2] & 0xff) << 8 | (in[at + 3] & 0xff);
    }

    private static int getLittleEndian(byte[] in, int at) {
        return (in[at] & 0xff) | (in[at + 1] & 0xff) << 8 | (in[at + 2] & 0xff) << 16 | (in[at + 3] & 0xff) << 24;
    }

    @Override
    public String protocolType() {
        return "v1";
    }

    @Override
    public String sessionId() {
        return "";
    }
}
