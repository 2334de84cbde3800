package org.btcmp.node.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;

/**
 * An established BIP324 connection's message layer: a message travels as one packet whose contents start with
 * its type, one byte for the types BIP324 numbers, else 0 and the 12-byte command as in v1, then the payload.
 * Packets marked ignore (decoys) are skipped. Sending must be serialized by the caller (the cipher counts packets).
 */
final class V2Session {
    /** BIP324's one-byte message types 1..28, in order. */
    static final List<String> SHORT_IDS = List.of("addr", "block", "blocktxn", "cmpctblock", "feefilter",
            "filteradd", "filterclear", "filterload", "getblocks", "getblocktxn", "getdata", "getheaders", "headers",
            "inv", "mempool", "merkleblock", "notfound", "ping", "pong", "sendcmpct", "tx", "getcfilters", "cfilter",
            "getcfheaders", "cfheaders", "getcfcheckpt", "cfcheckpt", "addrv2");
    private static final int COMMAND_BYTES = 12;

    /** A received message. */
    record Message(String command, byte[] payload) {
    }

    private final V2Cipher cipher;
    private final byte[] sessionId;

    V2Session(V2Cipher cipher) {
        this.cipher = cipher;
        this.sessionId = cipher.sessionId();
    }

    /** The session id both sides derive (for out-of-band comparison, as Core's getpeerinfo shows it). */
    byte[] sessionId() {
        return sessionId.clone();
    }

    /** One message as a packet. */
    byte[] encode(String command, byte[] payload) {
        int id = SHORT_IDS.indexOf(command) + 1;
        byte[] contents;
        if (id > 0) {
            contents = new byte[1 + payload.length];
            contents[0] = (byte) id;
            System.arraycopy(payload, 0, contents, 1, payload.length);
        } else {
            byte[] name = command.getBytes(StandardCharsets.US_ASCII);
            if (name.length > COMMAND_BYTES) {
                throw new IllegalArgumentException("command longer than 12 bytes: " + command);
            }
            contents = new byte[1 + COMMAND_BYTES + payload.length];
            System.arraycopy(name, 0, contents, 1, name.length);
            System.arraycopy(payload, 0, contents, 1 + COMMAND_BYTES, payload.length);
        }
        return cipher.encrypt(contents, new byte[0], false);
    }

    /** The next message, skipping decoys. */
    Message read(InputStream in) throws IOException {
        byte[] contents = receive(in, new byte[0]);
        if (contents.length == 0) {
            throw new IOException("v2 message without a type");
        }
        int id = contents[0] & 0xff;
        if (id != 0) {
            if (id > SHORT_IDS.size()) {
                throw new IOException("unknown v2 message type id " + id);
            }
            return new Message(SHORT_IDS.get(id - 1), Arrays.copyOfRange(contents, 1, contents.length));
        }
        if (contents.length < 1 + COMMAND_BYTES) {
            throw new IOException("v2 message with a truncated command");
        }
        int end = 1;
        while (end < 1 + COMMAND_BYTES && contents[end] != 0) {
            end++;
        }
        for (int i = end; i < 1 + COMMAND_BYTES; i++) {
            if (contents[i] != 0) {
                throw new IOException("v2 message command not NUL-padded");
            }
        }
        return new Message(new String(contents, 1, end - 1, StandardCharsets.US_ASCII),
                Arrays.copyOfRange(contents, 1 + COMMAND_BYTES, contents.length));
    }

    /** The next non-decoy packet's contents; {@code aad} applies to the first packet read. */
    byte[] receive(InputStream in, byte[] aad) throws IOException {
        byte[] a = aad;
        while (true) {
            int length = cipher.decryptLength(V2Handshake.readFully(in, V2Cipher.LENGTH_BYTES));
            if (length > ProtocolLimits.MAX_MESSAGE_LENGTH + 1 + COMMAND_BYTES) {
                throw new IOException("v2 packet of " + length + " bytes exceeds the message size limit");
            }
            byte[] body = V2Handshake.readFully(in, 1 + length + FsChaCha20Poly1305.TAG_LENGTH);
            V2Cipher.Packet p;
            try {
                p = cipher.decrypt(body, a);
            } catch (AEADBadTagException e) {
                throw new IOException("v2 packet failed authentication", e);
            }
            a = new byte[0];
            if (!p.ignore()) {
                return p.contents();
            }
        }
    }
}
