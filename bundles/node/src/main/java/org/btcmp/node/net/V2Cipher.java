package org.btcmp.node.net;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * BIP324's packet cipher for one side of a v2 connection, from the ECDH shared secret: the keys, garbage
 * terminators and session id derived with HKDF-SHA256 (salt "bitcoin_v2_shared_secret" and the network magic),
 * and packets encrypted as the encrypted 3-byte length, then header byte (0x80: ignore) and contents under the
 * AEAD. The handshake (ElligatorSwift keys, garbage, version packet) is not part of this class.
 */
final class V2Cipher {
    static final int LENGTH_BYTES = 3;
    static final int IGNORE_BIT = 0x80;
    /** The largest contents the 3-byte length can describe. */
    static final int MAX_CONTENTS = (1 << 24) - 1;

    /** A decrypted packet: its contents and whether the sender marked it to be ignored (decoy traffic). */
    record Packet(byte[] contents, boolean ignore) {
    }

    private final byte[] sessionId;
    private final byte[] sendGarbageTerminator;
    private final byte[] receiveGarbageTerminator;
    private final FsChaCha20 sendLength;
    private final FsChaCha20Poly1305 sendPacket;
    private final FsChaCha20 receiveLength;
    private final FsChaCha20Poly1305 receivePacket;

    /**
     * @param sharedSecret the 32-byte BIP324 ECDH secret
     * @param initiating whether this side opened the connection
     * @param magic the network's 4 message start bytes
     */
    V2Cipher(byte[] sharedSecret, boolean initiating, byte[] magic) {
        byte[] salt = concat("bitcoin_v2_shared_secret".getBytes(StandardCharsets.US_ASCII), magic);
        Hkdf hkdf = new Hkdf(salt, sharedSecret);
        byte[] initiatorL = hkdf.expand32(ascii("initiator_L"));
        byte[] initiatorP = hkdf.expand32(ascii("initiator_P"));
        byte[] responderL = hkdf.expand32(ascii("responder_L"));
        byte[] responderP = hkdf.expand32(ascii("responder_P"));
        byte[] terminators = hkdf.expand32(ascii("garbage_terminators"));
        byte[] initiatorTerminator = Arrays.copyOf(terminators, 16);
        byte[] responderTerminator = Arrays.copyOfRange(terminators, 16, 32);
        sessionId = hkdf.expand32(ascii("session_id"));
        sendLength = new FsChaCha20(initiating ? initiatorL : responderL);
        sendPacket = new FsChaCha20Poly1305(initiating ? initiatorP : responderP);
        receiveLength = new FsChaCha20(initiating ? responderL : initiatorL);
        receivePacket = new FsChaCha20Poly1305(initiating ? responderP : initiatorP);
        sendGarbageTerminator = initiating ? initiatorTerminator : responderTerminator;
        receiveGarbageTerminator = initiating ? responderTerminator : initiatorTerminator;
    }

    byte[] sessionId() {
        return sessionId.clone();
    }

    byte[] sendGarbageTerminator() {
        return sendGarbageTerminator.clone();
    }

    byte[] receiveGarbageTerminator() {
        return receiveGarbageTerminator.clone();
    }

    /** One packet on the wire: encrypted length, then the AEAD ciphertext of header and contents. */
    byte[] encrypt(byte[] contents, byte[] aad, boolean ignore) {
        if (contents.length > MAX_CONTENTS) {
            throw new IllegalArgumentException("packet contents of " + contents.length + " bytes exceed "
                    + MAX_CONTENTS);
        }
        byte[] length = {(byte) contents.length, (byte) (contents.length >>> 8), (byte) (contents.length >>> 16)};
        sendLength.crypt(length);
        byte[] plain = new byte[1 + contents.length];
        plain[0] = (byte) (ignore ? IGNORE_BIT : 0);
        System.arraycopy(contents, 0, plain, 1, contents.length);
        return concat(length, sendPacket.encrypt(aad, plain));
    }

    /** The contents length announced by the first {@value #LENGTH_BYTES} bytes of a received packet. */
    int decryptLength(byte[] encryptedLength) {
        byte[] l = encryptedLength.clone();
        receiveLength.crypt(l);
        return (l[0] & 0xff) | (l[1] & 0xff) << 8 | (l[2] & 0xff) << 16;
    }

    /**
     * The rest of a received packet (header, contents and tag: contents length + 17 bytes).
     *
     * @throws AEADBadTagException when it was altered in transit (the connection must then be dropped)
     */
    Packet decrypt(byte[] ciphertext, byte[] aad) throws AEADBadTagException {
        byte[] plain = receivePacket.decrypt(aad, ciphertext);
        return new Packet(Arrays.copyOfRange(plain, 1, plain.length), (plain[0] & IGNORE_BIT) != 0);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
