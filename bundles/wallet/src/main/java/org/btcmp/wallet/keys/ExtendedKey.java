package org.btcmp.wallet.keys;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.crypto.Secp256k1;
import org.btcmp.primitives.script.Base58;

/**
 * A BIP32 extended key, private (xprv/tprv) or public only (xpub/tpub). Immutable.
 */
public final class ExtendedKey {
    private static final int SERIALIZED_LENGTH = 78;

    private final boolean mainnet;
    private final int depth;
    private final int parentFingerprint;
    private final int childNumber;
    private final byte[] chainCode;
    private final BigInteger secret; // null for a public-only key
    private final Secp256k1.Point point;

    private ExtendedKey(boolean mainnet, int depth, int parentFingerprint, int childNumber, byte[] chainCode,
            BigInteger secret, Secp256k1.Point point) {
        this.mainnet = mainnet;
        this.depth = depth;
        this.parentFingerprint = parentFingerprint;
        this.childNumber = childNumber;
        this.chainCode = chainCode;
        this.secret = secret;
        this.point = point;
    }

    /** The master key of a seed (BIP32: HMAC-SHA512 keyed with "Bitcoin seed"). */
    public static ExtendedKey fromSeed(byte[] seed, boolean mainnet) {
        if (seed.length < 16 || seed.length > 64) {
            throw new IllegalArgumentException("BIP32 seed must be 16 to 64 bytes, got " + seed.length);
        }
        byte[] i = hmacSha512("Bitcoin seed".getBytes(java.nio.charset.StandardCharsets.US_ASCII), seed);
        BigInteger k = new BigInteger(1, Arrays.copyOf(i, 32));
        if (k.signum() == 0 || k.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalArgumentException("this seed gives an invalid master key; use another seed");
        }
        return new ExtendedKey(mainnet, 0, 0, 0, Arrays.copyOfRange(i, 32, 64), k,
                Secp256k1.multiply(Secp256k1.G, k));
    }

    /**
     * Parses a Base58Check extended key; accepts the mainnet (x) and test-network (t) prefixes.
     *
     * @throws DecodeException naming what is wrong (checksum, version, key data, depth rules)
     */
    public static ExtendedKey parse(String text) {
        byte[] data;
        try {
            data = Base58.decodeCheck(text);
        } catch (DecodeException e) {
            throw new DecodeException("extended key: " + e.getMessage(), e);
        }
        if (data.length != SERIALIZED_LENGTH) {
            throw new DecodeException("extended key has " + data.length + " bytes, expected " + SERIALIZED_LENGTH);
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        int version = b.getInt();
        HdVersion.Match v = HdVersion.of(version);
        if (v == null) {
            throw new DecodeException(String.format("extended key has unknown version %08x", version));
        }
        int depth = b.get() & 0xff;
        int parent = b.getInt();
        int child = b.getInt();
        byte[] chainCode = new byte[32];
        b.get(chainCode);
        byte[] keyData = new byte[33];
        b.get(keyData);
        if (depth == 0 && parent != 0) {
            throw new DecodeException("extended key has depth 0 but a parent fingerprint");
        }
        if (depth == 0 && child != 0) {
            throw new DecodeException("extended key has depth 0 but a child number");
        }
        if (v.isPrivate()) {
            if (keyData[0] != 0) {
                throw new DecodeException("extended private key data must start with 0x00");
            }
            BigInteger k = new BigInteger(1, Arrays.copyOfRange(keyData, 1, 33));
            if (k.signum() == 0 || k.compareTo(Secp256k1.N) >= 0) {
                throw new DecodeException("extended private key is not in [1, n-1]");
            }
            return new ExtendedKey(v.mainnet(), depth, parent, child, chainCode, k,
                    Secp256k1.multiply(Secp256k1.G, k));
        }
        if (keyData[0] != 2 && keyData[0] != 3) {
            throw new DecodeException("extended public key data must be a compressed point");
        }
        Secp256k1.Point p = Secp256k1.lift(new BigInteger(1, Arrays.copyOfRange(keyData, 1, 33)), keyData[0] == 3);
        if (p == null) {
            throw new DecodeException("extended public key is not on the curve");
        }
        return new ExtendedKey(v.mainnet(), depth, parent, child, chainCode, null, p);
    }

    /** The child at {@code index}; hardened when bit 31 is set (needs the private key). */
    public ExtendedKey derive(int index) {
        boolean hardened = KeyPath.isHardened(index);
        if (hardened && secret == null) {
            throw new IllegalStateException("hardened derivation needs the private key");
        }
        byte[] data = ByteBuffer.allocate(37)
                .put(hardened ? privateData() : publicKey())
                .putInt(index)
                .array();
        byte[] i = hmacSha512(chainCode, data);
        BigInteger tweak = new BigInteger(1, Arrays.copyOf(i, 32));
        if (tweak.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalStateException("child " + KeyPath.stepToString(index) + " is invalid (BIP32: use the next index)");
        }
        byte[] childChain = Arrays.copyOfRange(i, 32, 64);
        if (secret != null) {
            BigInteger k = tweak.add(secret).mod(Secp256k1.N);
            if (k.signum() == 0) {
                throw new IllegalStateException("child " + KeyPath.stepToString(index) + " is invalid (BIP32: use the next index)");
            }
            return new ExtendedKey(mainnet, depth + 1, fingerprint(), index, childChain, k,
                    Secp256k1.multiply(Secp256k1.G, k));
        }
        Secp256k1.Point p = Secp256k1.add(Secp256k1.multiply(Secp256k1.G, tweak), point);
        if (p == null) {
            throw new IllegalStateException("child " + KeyPath.stepToString(index) + " is invalid (BIP32: use the next index)");
        }
        return new ExtendedKey(mainnet, depth + 1, fingerprint(), index, childChain, null, p);
    }

    public ExtendedKey derive(KeyPath path) {
        ExtendedKey key = this;
        for (int step : path.steps()) {
            key = key.derive(step);
        }
        return key;
    }

    /** The same key without its private part. */
    public ExtendedKey neuter() {
        return secret == null ? this
                : new ExtendedKey(mainnet, depth, parentFingerprint, childNumber, chainCode, null, point);
    }

    public boolean hasPrivateKey() {
        return secret != null;
    }

    public boolean isMainnet() {
        return mainnet;
    }

    public int depth() {
        return depth;
    }

    public int childNumber() {
        return childNumber;
    }

    public int parentFingerprint() {
        return parentFingerprint;
    }

    public byte[] chainCode() {
        return chainCode.clone();
    }

    public Secp256k1.Point point() {
        return point;
    }

    /** The compressed public key (33 bytes). */
    public byte[] publicKey() {
        return EcKeys.compressed(point);
    }

    /** The 32-byte private key. */
    public byte[] privateKey() {
        if (secret == null) {
            throw new IllegalStateException("this extended key has no private key");
        }
        return EcKeys.to32(secret);
    }

    /** The first four bytes of HASH160 of the public key, as a big-endian int. */
    public int fingerprint() {
        return ByteBuffer.wrap(Hashes.hash160(publicKey())).getInt();
    }

    /** The standard Base58Check form for this key's network (xprv/xpub or tprv/tpub). */
    public String serialize() {
        return serialize(mainnet ? HdVersion.MAIN : HdVersion.TEST);
    }

    /** With the version bytes of {@code versions} (e.g. BIP84's zprv/zpub). */
    public String serialize(HdVersion versions) {
        ByteBuffer b = ByteBuffer.allocate(SERIALIZED_LENGTH)
                .putInt(secret != null ? versions.privateVersion() : versions.publicVersion())
                .put((byte) depth)
                .putInt(parentFingerprint)
                .putInt(childNumber)
                .put(chainCode)
                .put(secret != null ? privateData() : publicKey());
        return Base58.encodeCheck(b.array());
    }

    private byte[] privateData() {
        byte[] d = new byte[33];
        System.arraycopy(EcKeys.to32(secret), 0, d, 1, 32);
        return d;
    }

    static byte[] hmacSha512(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key, "HmacSHA512"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is missing from this JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedKey k && serialize().equals(k.serialize());
    }

    @Override
    public int hashCode() {
        return serialize().hashCode();
    }

    /** Public form only, so that a key in a log or exception message never shows its secret. */
    @Override
    public String toString() {
        return neuter().serialize();
    }
}
