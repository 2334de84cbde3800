package org.btcmp.node.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * BIP324's handshake over a connected stream pair, for either side: ElligatorSwift keys and garbage in the clear,
 * then the garbage terminator, optional decoy packets and the version packet, the first of them authenticating the
 * garbage sent; the other side's garbage is skipped up to its terminator and authenticated by its first packet.
 * A responder that sees Core's v1 prefix (magic and "version") hands the connection back for v1.
 */
final class V2Handshake {
    /** Garbage is shorter than 4 KiB. */
    static final int MAX_GARBAGE = 4095;
    static final int KEY_BYTES = 64;
    private static final byte[] TRANSPORT_VERSION = new byte[0];

    /**
     * An initiator's peer answered with a v1 message (bcoin 1.0.2 sends a v1 reject for our key bytes): a v1-only
     * peer, to be retried in v1. A v2 responder's key starts with the magic only by a 2^-32 chance.
     */
    static final class V1AnswerException extends IOException {
        private static final long serialVersionUID = 1L;

        V1AnswerException(String message) {
            super(message);
        }
    }

    /** How a responder's handshake ended: a v2 session, or the v1 prefix already read (to be replayed for v1). */
    record Outcome(V2Session session, byte[] v1Prefix) {
    }

    private V2Handshake() {
    }

    /** The 16 bytes a v1 peer's first message starts with on this network. */
    static byte[] v1Prefix(byte[] magic) {
        byte[] p = Arrays.copyOf(magic, 16);
        byte[] command = "version".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(command, 0, p, 4, command.length);
        return p;
    }

    /**
     * The initiator's side.
     *
     * @param decoys contents lengths of decoy packets to send before the version packet
     */
    static V2Session initiate(InputStream in, OutputStream out, byte[] magic, Random random, int garbageLength,
            List<Integer> decoys) throws IOException {
        ElligatorSwift.KeyPair keys = ElligatorSwift.create(random);
        byte[] garbage = garbage(random, garbageLength);
        out.write(keys.encoded());
        out.flush();
        byte[] start = readFully(in, magic.length);
        if (Arrays.equals(start, magic)) {
            throw new V1AnswerException("the peer answered in v1 framing (our network's magic)");
        }
        // The garbage goes once the peer has shown it is no v1 node: a v1 node scores every 24 bytes it cannot
        // parse (bcoin bans after about ten), and BIP324 only needs the garbage before our terminator.
        out.write(garbage);
        out.flush();
        byte[] theirs = Arrays.copyOf(start, KEY_BYTES);
        byte[] rest = readFully(in, KEY_BYTES - start.length);
        System.arraycopy(rest, 0, theirs, start.length, rest.length);
        return complete(in, out, magic, keys, theirs, garbage, true, decoys);
    }

    /** The responder's side; a v1 peer is detected from its first 16 bytes before anything is sent. */
    static Outcome respond(InputStream in, OutputStream out, byte[] magic, Random random, int garbageLength)
            throws IOException {
        byte[] prefix = v1Prefix(magic);
        byte[] received = new byte[KEY_BYTES];
        int n = 0;
        while (n < prefix.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the v2 handshake");
            }
            received[n++] = (byte) b;
            if ((byte) b != prefix[n - 1]) {
                break;
            }
        }
        if (n == prefix.length && Arrays.equals(Arrays.copyOf(received, n), prefix)) {
            return new Outcome(null, prefix);
        }
        ElligatorSwift.KeyPair keys = ElligatorSwift.create(random);
        byte[] garbage = garbage(random, garbageLength);
        out.write(keys.encoded());
        out.write(garbage);
        out.flush();
        byte[] rest = readFully(in, KEY_BYTES - n);
        System.arraycopy(rest, 0, received, n, rest.length);
        if (Arrays.equals(Arrays.copyOfRange(received, 4, 16), Arrays.copyOfRange(prefix, 4, 16))) {
            throw new IOException("a v1 peer of another network (magic "
                    + java.util.HexFormat.of().formatHex(received, 0, 4) + ")");
        }
        return new Outcome(complete(in, out, magic, keys, received, garbage, false, List.of()), null);
    }

    private static V2Session complete(InputStream in, OutputStream out, byte[] magic, ElligatorSwift.KeyPair keys,
            byte[] theirs, byte[] garbage, boolean initiating, List<Integer> decoys) throws IOException {
        byte[] secret = ElligatorSwift.sharedSecret(keys.privateKey(), theirs, keys.encoded(), initiating);
        V2Cipher cipher = new V2Cipher(secret, initiating, magic);
        out.write(cipher.sendGarbageTerminator());
        byte[] aad = garbage;
        for (int length : decoys) {
            out.write(cipher.encrypt(new byte[length], aad, true));
            aad = new byte[0];
        }
        out.write(cipher.encrypt(TRANSPORT_VERSION, aad, false));
        out.flush();
        byte[] terminator = cipher.receiveGarbageTerminator();
        byte[] seen = readFully(in, terminator.length);
        int garbageLength = 0;
        while (!Arrays.equals(Arrays.copyOfRange(seen, garbageLength, garbageLength + terminator.length),
                terminator)) {
            if (garbageLength == MAX_GARBAGE) {
                throw new IOException("no garbage terminator within " + MAX_GARBAGE + " bytes of garbage");
            }
            seen = Arrays.copyOf(seen, seen.length + 1);
            seen[seen.length - 1] = readFully(in, 1)[0];
            garbageLength++;
        }
        V2Session session = new V2Session(cipher);
        // The version packet (after any decoys) authenticates the garbage; its contents are for future versions.
        session.receive(in, Arrays.copyOf(seen, garbageLength));
        return session;
    }

    private static byte[] garbage(Random random, int length) {
        if (length < 0 || length > MAX_GARBAGE) {
            throw new IllegalArgumentException("garbage length " + length + " outside 0.." + MAX_GARBAGE);
        }
        byte[] g = new byte[length];
        random.nextBytes(g);
        return g;
    }

    static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("connection closed during the v2 handshake");
        }
        return b;
    }
}
