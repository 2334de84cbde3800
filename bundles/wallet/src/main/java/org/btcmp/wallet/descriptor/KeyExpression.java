package org.btcmp.wallet.descriptor;

import java.math.BigInteger;
import java.util.Optional;
import org.btcmp.primitives.crypto.Secp256k1;
import org.btcmp.primitives.script.Base58;
import org.btcmp.wallet.keys.EcKeys;
import org.btcmp.wallet.keys.ExtendedKey;
import org.btcmp.wallet.keys.KeyPath;

/**
 * A key inside a descriptor (BIP380): a hex public key, a WIF private key, or an extended key with a
 * derivation path and maybe a wildcard; each with an optional origin.
 */
public final class KeyExpression {
    /** A trailing {@code /*} (normal) or {@code /*h} (hardened), or none. */
    public enum Wildcard { NONE, NORMAL, HARDENED }

    /** One concrete key: its point, the encoding the script uses, its origin, and its secret if known. */
    public record Derived(Secp256k1.Point point, byte[] encoded, Optional<KeyOrigin> origin, Optional<byte[]> secret) {
    }

    private final KeyOrigin origin; // null when none was given
    private final boolean apostrophe; // the text used ' markers: kept in the plain (non-normalized) string
    // exactly one of (single, extended) is set
    private final Derived single;
    private final boolean singleMainnet;
    private final ExtendedKey extended;
    private final KeyPath path;
    private final Wildcard wildcard;
    private ExtendedKey atPath; // lazily derived key at `path` (guarded by this)

    private KeyExpression(KeyOrigin origin, boolean apostrophe, Derived single, boolean singleMainnet,
            ExtendedKey extended, KeyPath path, Wildcard wildcard) {
        this.origin = origin;
        this.apostrophe = apostrophe;
        this.single = single;
        this.singleMainnet = singleMainnet;
        this.extended = extended;
        this.path = path;
        this.wildcard = wildcard;
    }

    static KeyExpression single(KeyOrigin origin, boolean apostrophe, Secp256k1.Point point, byte[] encoded,
            byte[] secret, boolean mainnet) {
        Derived d = new Derived(point, encoded, Optional.ofNullable(origin), Optional.ofNullable(secret));
        return new KeyExpression(origin, apostrophe, d, mainnet, null, KeyPath.EMPTY, Wildcard.NONE);
    }

    static KeyExpression extended(KeyOrigin origin, boolean apostrophe, ExtendedKey key, KeyPath path, Wildcard wildcard) {
        return new KeyExpression(origin, apostrophe, null, key.isMainnet(), key, path, wildcard);
    }

    public boolean isRange() {
        return wildcard != Wildcard.NONE;
    }

    public boolean hasPrivateKey() {
        return extended != null ? extended.hasPrivateKey() : single.secret().isPresent();
    }

    /** Whether this is a single key of 65 bytes (allowed only outside segwit). */
    public boolean isUncompressed() {
        return single != null && single.encoded().length == 65;
    }

    /** Whether this is a 32-byte x-only key (allowed only in tr). */
    public boolean isXOnly() {
        return single != null && single.encoded().length == 32;
    }

    /** The key at {@code index} (ignored unless ranged). */
    public Derived at(int index) {
        if (single != null) {
            return single;
        }
        ExtendedKey key = keyAtPath();
        KeyPath full = path;
        if (wildcard != Wildcard.NONE) {
            if (index < 0) {
                throw new DescriptorException("Derivation index " + Integer.toUnsignedString(index) + " is out of range");
            }
            int child = wildcard == Wildcard.HARDENED ? index | KeyPath.HARDENED : index;
            key = derive(key, child);
            full = path.child(child);
        }
        KeyOrigin o = origin != null ? origin.append(full) : new KeyOrigin(extended.fingerprint(), full);
        return new Derived(key.point(), key.publicKey(), Optional.of(o),
                key.hasPrivateKey() ? Optional.of(key.privateKey()) : Optional.empty());
    }

    private synchronized ExtendedKey keyAtPath() {
        if (atPath == null) {
            ExtendedKey key = extended;
            for (int step : path.steps()) {
                key = derive(key, step);
            }
            atPath = key;
        }
        return atPath;
    }

    private ExtendedKey derive(ExtendedKey key, int step) {
        if (KeyPath.isHardened(step) && !key.hasPrivateKey()) {
            throw new DescriptorException("Cannot derive hardened step " + KeyPath.stepToString(step)
                    + " of " + key + " without its private key");
        }
        return key.derive(step);
    }

    /**
     * The public text as Core's listdescriptors prints it: a path with hardened steps is folded into the
     * origin and the xpub at its last hardened step ({@code [fpr/84h/1h/0h]tpub.../0/*}).
     */
    String toPublicString() {
        if (single != null) {
            return originPrefix(origin, apostrophe) + java.util.HexFormat.of().formatHex(single.encoded());
        }
        int lastHardened = -1;
        for (int i = 0; i < path.steps().size(); i++) {
            if (KeyPath.isHardened(path.steps().get(i))) {
                lastHardened = i;
            }
        }
        if (lastHardened < 0 || wildcard == Wildcard.HARDENED || !extended.hasPrivateKey()) {
            return originPrefix(origin, apostrophe) + extended.neuter().serialize() + pathText(path, apostrophe);
        }
        KeyPath hardenedPart = new KeyPath(path.steps().subList(0, lastHardened + 1));
        KeyPath rest = new KeyPath(path.steps().subList(lastHardened + 1, path.steps().size()));
        ExtendedKey account = extended.derive(hardenedPart);
        KeyOrigin o = origin != null ? origin.append(hardenedPart) : new KeyOrigin(extended.fingerprint(), hardenedPart);
        return originPrefix(o, false) + account.neuter().serialize() + pathText(rest, false);
    }

    /** The text with private keys (xprv/tprv or WIF), as written. */
    String toPrivateString() {
        if (!hasPrivateKey()) {
            throw new DescriptorException("Can't get descriptor string: the private key is not known");
        }
        if (single != null) {
            byte[] secret = single.secret().orElseThrow();
            boolean compressed = single.encoded().length == 33;
            byte[] payload = new byte[compressed ? 34 : 33];
            payload[0] = (byte) (singleMainnet ? 0x80 : 0xef);
            System.arraycopy(secret, 0, payload, 1, 32);
            if (compressed) {
                payload[33] = 1;
            }
            return originPrefix(origin, apostrophe) + Base58.encodeCheck(payload);
        }
        return originPrefix(origin, apostrophe) + extended.serialize() + pathText(path, apostrophe);
    }

    private String pathText(KeyPath p, boolean useApostrophe) {
        String text = p.suffix();
        if (wildcard == Wildcard.NORMAL) {
            text += "/*";
        } else if (wildcard == Wildcard.HARDENED) {
            text += "/*h";
        }
        return useApostrophe ? text.replace('h', '\'') : text;
    }

    private static String originPrefix(KeyOrigin o, boolean useApostrophe) {
        return o == null ? "" : "[" + o.toString(useApostrophe) + "]";
    }

    /** A WIF secret as a point; exposed to the parser. */
    static Secp256k1.Point pointOf(byte[] secret32) {
        BigInteger k = new BigInteger(1, secret32);
        if (k.signum() == 0 || k.compareTo(Secp256k1.N) >= 0) {
            throw new DescriptorException("private key is not in [1, n-1]");
        }
        return Secp256k1.multiply(Secp256k1.G, k);
    }

    static byte[] uncompressed(Secp256k1.Point p) {
        byte[] out = new byte[65];
        out[0] = 4;
        System.arraycopy(EcKeys.to32(p.x()), 0, out, 1, 32);
        System.arraycopy(EcKeys.to32(p.y()), 0, out, 33, 32);
        return out;
    }
}
