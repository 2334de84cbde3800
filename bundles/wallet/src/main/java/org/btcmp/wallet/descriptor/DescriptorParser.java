package org.btcmp.wallet.descriptor;

import java.util.Arrays;
import java.util.HexFormat;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.crypto.PublicKey;
import org.btcmp.primitives.crypto.Secp256k1;
import org.btcmp.primitives.script.Base58;
import org.btcmp.wallet.keys.ExtendedKey;
import org.btcmp.wallet.keys.KeyPath;

/**
 * Parses the descriptors a wallet can hold and import (pk, pkh, wpkh, sh(wpkh), key-path tr), checking
 * the checksum, the keys' network, and the key rules of each context (no uncompressed keys in segwit).
 */
public final class DescriptorParser {
    private DescriptorParser() {
    }

    /**
     * @param mainnet whether keys must be mainnet (xpub, WIF 0x80) or test-network (tpub, WIF 0xef) keys
     * @param requireChecksum whether a missing checksum is an error (importdescriptors requires one)
     */
    public static Descriptor parse(String text, boolean mainnet, boolean requireChecksum) {
        String body = DescriptorChecksum.verifyAndStrip(text.trim(), requireChecksum);
        if (body.startsWith("sh(")) {
            String inner = inside(body, "sh");
            if (!inner.startsWith("wpkh(")) {
                throw unsupported(inner);
            }
            return new Descriptor(Descriptor.Kind.SH_WPKH, segwitKey(inside(inner, "wpkh"), mainnet));
        }
        if (body.startsWith("wpkh(")) {
            return new Descriptor(Descriptor.Kind.WPKH, segwitKey(inside(body, "wpkh"), mainnet));
        }
        if (body.startsWith("pkh(")) {
            return new Descriptor(Descriptor.Kind.PKH, key(inside(body, "pkh"), mainnet, false));
        }
        if (body.startsWith("pk(")) {
            return new Descriptor(Descriptor.Kind.PK, key(inside(body, "pk"), mainnet, false));
        }
        if (body.startsWith("tr(")) {
            String inner = inside(body, "tr");
            if (inner.indexOf(',') >= 0) {
                throw new DescriptorException("tr() with a script tree is not supported by this wallet yet");
            }
            KeyExpression k = key(inner, mainnet, true);
            if (k.isUncompressed()) {
                throw new DescriptorException("Uncompressed keys are not allowed");
            }
            return new Descriptor(Descriptor.Kind.TR, k);
        }
        throw unsupported(body);
    }

    private static KeyExpression segwitKey(String text, boolean mainnet) {
        KeyExpression k = key(text, mainnet, false);
        if (k.isUncompressed()) {
            throw new DescriptorException("Uncompressed keys are not allowed");
        }
        return k;
    }

    /** The text between {@code name(} and the matching final {@code )}. */
    private static String inside(String text, String name) {
        if (!text.startsWith(name + "(") || !text.endsWith(")")) {
            throw new DescriptorException("Expected " + name + "(...) in '" + text + "'");
        }
        return text.substring(name.length() + 1, text.length() - 1);
    }

    private static DescriptorException unsupported(String text) {
        int paren = text.indexOf('(');
        String name = paren > 0 ? text.substring(0, paren) : text;
        return new DescriptorException("'" + name + "' descriptors are not supported by this wallet"
                + " (it handles pk, pkh, wpkh, sh(wpkh) and tr with a single key)");
    }

    static KeyExpression key(String text, boolean mainnet, boolean xOnlyAllowed) {
        if (text.isEmpty()) {
            throw new DescriptorException("No key provided");
        }
        KeyOrigin origin = null;
        String rest = text;
        boolean apostrophe = false;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new DescriptorException("Key origin start '[ character expected but not found, got '"
                        + rest.charAt(0) + "' instead");
            }
            String inner = rest.substring(1, close);
            rest = rest.substring(close + 1);
            if (rest.indexOf(']') >= 0 || rest.indexOf('[') >= 0) {
                throw new DescriptorException("Multiple ']' characters found for a single pubkey");
            }
            apostrophe = inner.indexOf('\'') >= 0;
            origin = origin(inner);
        } else if (rest.indexOf(']') >= 0) {
            throw new DescriptorException("Key origin start '[ character expected but not found, got '"
                    + rest.charAt(0) + "' instead");
        }
        if (rest.isEmpty()) {
            throw new DescriptorException("No key provided");
        }
        String[] parts = rest.split("/", -1);
        String keyText = parts[0];
        if (parts.length == 1 && HexFormat.isHexDigit(keyText.charAt(0)) && isHex(keyText)) {
            return hexKey(origin, apostrophe, keyText, xOnlyAllowed, mainnet);
        }
        if (parts.length == 1 && keyText.length() >= 51 && keyText.length() <= 52) {
            return wifKey(origin, apostrophe, keyText, mainnet);
        }
        ExtendedKey xkey;
        try {
            xkey = ExtendedKey.parse(keyText);
        } catch (DecodeException e) {
            if (parts.length > 1 && (keyText.length() == 51 || keyText.length() == 52 || isHex(keyText))) {
                throw new DescriptorException("Key '" + keyText + "' cannot have a derivation path");
            }
            throw new DescriptorException("key '" + keyText + "' is not valid: " + e.getMessage(), e);
        }
        if (xkey.isMainnet() != mainnet) {
            throw new DescriptorException("key '" + keyText + "' is for " + (xkey.isMainnet() ? "mainnet" : "a test network")
                    + ", not this network");
        }
        KeyExpression.Wildcard wildcard = KeyExpression.Wildcard.NONE;
        int end = parts.length;
        String last = parts[parts.length - 1];
        if (parts.length > 1 && (last.equals("*") || last.equals("*h") || last.equals("*'"))) {
            wildcard = last.equals("*") ? KeyExpression.Wildcard.NORMAL : KeyExpression.Wildcard.HARDENED;
            apostrophe |= last.equals("*'");
            end--;
        }
        KeyPath path = KeyPath.EMPTY;
        for (int i = 1; i < end; i++) {
            if (parts[i].contains("*")) {
                throw new DescriptorException("'*' may only appear as the last element of a derivation path");
            }
            apostrophe |= parts[i].endsWith("'");
            path = path.child(step(parts[i]));
        }
        return KeyExpression.extended(origin, apostrophe, xkey, path, wildcard);
    }

    private static KeyOrigin origin(String inner) {
        String[] parts = inner.split("/", -1);
        String fpr = parts[0];
        if (fpr.length() != 8) {
            throw new DescriptorException("Fingerprint is not 4 bytes (" + fpr.length() + " characters instead of 8 characters)");
        }
        if (!isHex(fpr)) {
            throw new DescriptorException("Fingerprint '" + fpr + "' is not hex");
        }
        KeyPath path = KeyPath.EMPTY;
        for (int i = 1; i < parts.length; i++) {
            path = path.child(step(parts[i]));
        }
        return new KeyOrigin(Integer.parseUnsignedInt(fpr, 16), path);
    }

    private static int step(String element) {
        try {
            return KeyPath.parseStep(element);
        } catch (IllegalArgumentException e) {
            throw new DescriptorException(e.getMessage(), e);
        }
    }

    private static KeyExpression hexKey(KeyOrigin origin, boolean apostrophe, String hex, boolean xOnlyAllowed,
            boolean mainnet) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        if (bytes.length == 32 && xOnlyAllowed) {
            Secp256k1.Point p = Secp256k1.lift(new java.math.BigInteger(1, bytes), false);
            if (p == null) {
                throw new DescriptorException("Pubkey '" + hex + "' is invalid");
            }
            return KeyExpression.single(origin, apostrophe, p, bytes, null, mainnet);
        }
        try {
            PublicKey pub = PublicKey.parse(bytes);
            if (bytes[0] != 2 && bytes[0] != 3 && bytes[0] != 4) {
                throw new DecodeException("hybrid encoding");
            }
            return KeyExpression.single(origin, apostrophe, pub.point(), bytes, null, mainnet);
        } catch (DecodeException e) {
            throw new DescriptorException("Pubkey '" + hex + "' is invalid", e);
        }
    }

    private static KeyExpression wifKey(KeyOrigin origin, boolean apostrophe, String wif, boolean mainnet) {
        byte[] payload;
        try {
            payload = Base58.decodeCheck(wif);
        } catch (DecodeException e) {
            throw new DescriptorException("key '" + wif + "' is not valid: " + e.getMessage(), e);
        }
        boolean compressed = payload.length == 34 && payload[33] == 1;
        if (!(payload.length == 33 || compressed)) {
            throw new DescriptorException("key '" + wif + "' is not valid: bad WIF length");
        }
        int prefix = payload[0] & 0xff;
        if (prefix != (mainnet ? 0x80 : 0xef)) {
            throw new DescriptorException("key '" + wif + "' is not valid for this network");
        }
        byte[] secret = Arrays.copyOfRange(payload, 1, 33);
        Secp256k1.Point p = KeyExpression.pointOf(secret);
        byte[] encoded = compressed ? org.btcmp.wallet.keys.EcKeys.compressed(p) : KeyExpression.uncompressed(p);
        return KeyExpression.single(origin, apostrophe, p, encoded, secret, mainnet);
    }

    private static boolean isHex(String s) {
        return !s.isEmpty() && s.length() % 2 == 0 && s.chars().allMatch(HexFormat::isHexDigit);
    }
}
