package org.btcmp.wallet.descriptor;

import java.math.BigInteger;
import java.util.Optional;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.crypto.Secp256k1;
import org.btcmp.wallet.keys.EcKeys;

/**
 * A single-key output descriptor the wallet can own: {@code pk}, {@code pkh}, {@code wpkh},
 * {@code sh(wpkh)} or key-path-only {@code tr}. Immutable; {@link #toString} is the public text with
 * its checksum, as Core's listdescriptors prints it.
 */
public final class Descriptor {
    /** The script template around the key. */
    public enum Kind {
        PK("pk(", ")", null),
        PKH("pkh(", ")", "legacy"),
        WPKH("wpkh(", ")", "bech32"),
        SH_WPKH("sh(wpkh(", "))", "p2sh-segwit"),
        TR("tr(", ")", "bech32m");

        final String open;
        final String close;
        final String outputType;

        Kind(String open, String close, String outputType) {
            this.open = open;
            this.close = close;
            this.outputType = outputType;
        }
    }

    private final Kind kind;
    private final KeyExpression key;
    private String publicText; // computed once: normalizing derives the account key (guarded by this)

    Descriptor(Kind kind, KeyExpression key) {
        this.kind = kind;
        this.key = key;
    }

    public Kind kind() {
        return kind;
    }

    public KeyExpression key() {
        return key;
    }

    public boolean isRange() {
        return key.isRange();
    }

    /** Core's output type name for addresses of this descriptor ("bech32", ...), empty for pk(). */
    public Optional<String> outputType() {
        return Optional.ofNullable(kind.outputType);
    }

    /** The scriptPubKey at {@code index} (any index for a descriptor without a wildcard). */
    public Script scriptAt(int index) {
        KeyExpression.Derived k = key.at(index);
        return switch (kind) {
            case PK -> Script.of(pushKeyThen(k.encoded(), 0xac));
            case PKH -> ScriptBuilder.p2pkh(Hashes.hash160(k.encoded()));
            case WPKH -> ScriptBuilder.witness(0, Hashes.hash160(k.encoded()));
            case SH_WPKH -> ScriptBuilder.p2sh(Hashes.hash160(
                    ScriptBuilder.witness(0, Hashes.hash160(k.encoded())).bytes()));
            case TR -> ScriptBuilder.witness(1, EcKeys.xOnly(taprootOutputKey(k.point())));
        };
    }

    /**
     * BIP341/BIP86 key-path-only output key: Q = P + int(TapTweak(x(P)))G, with P taken with even y.
     */
    public static Secp256k1.Point taprootOutputKey(Secp256k1.Point internal) {
        Secp256k1.Point p = internal.hasEvenY() ? internal : Secp256k1.negate(internal);
        BigInteger t = new BigInteger(1, Hashes.taggedHash("TapTweak", EcKeys.xOnly(p)));
        if (t.compareTo(Secp256k1.N) >= 0) {
            throw new DescriptorException("taproot tweak out of range for this key");
        }
        Secp256k1.Point q = Secp256k1.add(p, Secp256k1.multiply(Secp256k1.G, t));
        if (q == null) {
            throw new DescriptorException("taproot output key is the point at infinity");
        }
        return q;
    }

    /**
     * The descriptor of the one key at {@code index} with its origin, checksummed, as Core's
     * getaddressinfo prints {@code desc} (x-only key inside {@code tr()}).
     */
    public String singleKeyAt(int index) {
        KeyExpression.Derived k = key.at(index);
        byte[] encoded = kind == Kind.TR && k.encoded().length == 33
                ? java.util.Arrays.copyOfRange(k.encoded(), 1, 33) : k.encoded();
        String origin = k.origin().map(o -> "[" + o + "]").orElse("");
        return DescriptorChecksum.append(kind.open + origin + java.util.HexFormat.of().formatHex(encoded) + kind.close);
    }

    /** The public text without checksum. */
    public synchronized String toPublicStringWithoutChecksum() {
        if (publicText == null) {
            publicText = kind.open + key.toPublicString() + kind.close;
        }
        return publicText;
    }

    /** The text with private keys, with checksum (Core's listdescriptors true). */
    public String toPrivateString() {
        return DescriptorChecksum.append(kind.open + key.toPrivateString() + kind.close);
    }

    @Override
    public String toString() {
        return DescriptorChecksum.append(toPublicStringWithoutChecksum());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Descriptor d && toString().equals(d.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    private static byte[] pushKeyThen(byte[] keyBytes, int opcode) {
        byte[] out = new byte[keyBytes.length + 2];
        out[0] = (byte) keyBytes.length;
        System.arraycopy(keyBytes, 0, out, 1, keyBytes.length);
        out[out.length - 1] = (byte) opcode;
        return out;
    }
}
