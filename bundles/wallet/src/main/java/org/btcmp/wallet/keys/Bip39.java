package org.btcmp.wallet.keys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BIP39 mnemonic sentences (English word list): entropy to words and back, and the 64-byte seed that
 * BIP32 starts from.
 */
public final class Bip39 {
    private static final int SEED_ROUNDS = 2048;
    private static final List<String> WORDS = loadWords();
    private static final Map<String, Integer> INDEX = indexOf(WORDS);

    private Bip39() {
    }

    /** The sentence for 16, 20, 24, 28 or 32 bytes of entropy. */
    public static String fromEntropy(byte[] entropy) {
        int bits = entropy.length * 8;
        if (bits < 128 || bits > 256 || bits % 32 != 0) {
            throw new IllegalArgumentException(
                    "BIP39 entropy must be 16, 20, 24, 28 or 32 bytes, got " + entropy.length);
        }
        int checksumBits = bits / 32;
        byte[] hash = sha256(entropy);
        int total = bits + checksumBits;
        StringBuilder sentence = new StringBuilder();
        for (int word = 0; word < total / 11; word++) {
            int index = 0;
            for (int i = 0; i < 11; i++) {
                int bit = word * 11 + i;
                boolean set = bit < bits ? bitAt(entropy, bit) : bitAt(hash, bit - bits);
                index = (index << 1) | (set ? 1 : 0);
            }
            if (word > 0) {
                sentence.append(' ');
            }
            sentence.append(WORDS.get(index));
        }
        return sentence.toString();
    }

    /**
     * The entropy a sentence encodes.
     *
     * @throws IllegalArgumentException naming the first unknown word, a bad word count, or a bad checksum
     */
    public static byte[] toEntropy(String mnemonic) {
        String[] words = Normalizer.normalize(mnemonic, Normalizer.Form.NFKD).trim().split("\\s+");
        int count = words.length;
        if (count < 12 || count > 24 || count % 3 != 0) {
            throw new IllegalArgumentException(
                    "BIP39 mnemonic must have 12, 15, 18, 21 or 24 words, got " + count);
        }
        int total = count * 11;
        int checksumBits = total / 33;
        int bits = total - checksumBits;
        byte[] all = new byte[(total + 7) / 8];
        for (int w = 0; w < count; w++) {
            Integer index = INDEX.get(words[w]);
            if (index == null) {
                throw new IllegalArgumentException(
                        "BIP39 mnemonic word " + (w + 1) + " '" + words[w] + "' is not in the English word list");
            }
            for (int i = 0; i < 11; i++) {
                if ((index >> (10 - i) & 1) != 0) {
                    int bit = w * 11 + i;
                    all[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                }
            }
        }
        byte[] entropy = new byte[bits / 8];
        System.arraycopy(all, 0, entropy, 0, entropy.length);
        byte[] hash = sha256(entropy);
        for (int i = 0; i < checksumBits; i++) {
            if (bitAt(all, bits + i) != bitAt(hash, i)) {
                throw new IllegalArgumentException("BIP39 mnemonic checksum does not match (a word is wrong or misplaced)");
            }
        }
        return entropy;
    }

    /** Whether the sentence is well formed with a valid checksum. */
    public static boolean isValid(String mnemonic) {
        try {
            toEntropy(mnemonic);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The BIP39 seed: PBKDF2-HMAC-SHA512, 2048 rounds, salt "mnemonic" + passphrase, both NFKD-normalized.
     * Like the BIP, this does not check the sentence itself (call {@link #toEntropy} for that).
     */
    public static byte[] toSeed(String mnemonic, String passphrase) {
        byte[] password = Normalizer.normalize(mnemonic, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
        byte[] salt = Normalizer.normalize("mnemonic" + passphrase, Normalizer.Form.NFKD)
                .getBytes(StandardCharsets.UTF_8);
        return pbkdf2HmacSha512(password, salt, SEED_ROUNDS);
    }

    /** One 64-byte PBKDF2 block (RFC 8018) with HMAC-SHA512: all BIP39 needs. */
    static byte[] pbkdf2HmacSha512(byte[] password, byte[] salt, int rounds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(password, "HmacSHA512"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] out = u.clone();
            for (int r = 1; r < rounds; r++) {
                u = mac.doFinal(u);
                for (int i = 0; i < out.length; i++) {
                    out[i] ^= u[i];
                }
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is missing from this JDK", e);
        }
    }

    private static boolean bitAt(byte[] data, int bit) {
        return (data[bit / 8] >> (7 - bit % 8) & 1) != 0;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static List<String> loadWords() {
        List<String> words = new ArrayList<>(2048);
        try (InputStream in = Bip39.class.getResourceAsStream("bip39-english.txt")) {
            if (in == null) {
                throw new IllegalStateException("bip39-english.txt is missing from the wallet bundle");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (words.size() != 2048) {
            throw new IllegalStateException("BIP39 word list has " + words.size() + " words, expected 2048");
        }
        return List.copyOf(words);
    }

    private static Map<String, Integer> indexOf(List<String> words) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            index.put(words.get(i), i);
        }
        return Map.copyOf(index);
    }
}
