package org.btcmp.wallet.core;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.crypto.PrivateKey;
import org.btcmp.primitives.crypto.Schnorr;
import org.btcmp.primitives.script.SignatureHash;
import org.btcmp.primitives.script.TaprootSighash;

/**
 * Signs the wallet's inputs: P2WPKH with a BIP143 digest and a low-S DER signature, P2TR key path with
 * a BIP341 digest and a BIP340 signature by the tweaked key; SIGHASH_DEFAULT (ALL for P2WPKH) unless
 * the caller names another of Core's types (ALL, NONE, SINGLE, each optionally |ANYONECANPAY).
 */
final class TxSigner {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UNSUPPORTED = "Only P2WPKH and P2TR key path inputs can be signed, not ";

    private TxSigner() {
    }

    /** Core's SIGHASH_DEFAULT: ALL for segwit v0, the 64-byte form for taproot. */
    static final int SIGHASH_DEFAULT = 0;

    /** Returns {@code tx} with a witness for every input; {@code spent} are the outputs they spend, in order. */
    static Transaction sign(Transaction tx, List<TxOut> spent, DescriptorWallet wallet) {
        List<TxIn> signed = new ArrayList<>();
        for (int i = 0; i < tx.inputs().size(); i++) {
            signed.add(tx.inputs().get(i).withWitness(witness(tx, i, spent, wallet, SIGHASH_DEFAULT)));
        }
        return new Transaction(tx.version(), signed, tx.outputs(), tx.lockTime());
    }

    /** What signing the inputs the wallet can sign gave: the transaction, and why each other input is unsigned. */
    record Partial(Transaction tx, Map<Integer, String> errors) {
    }

    /**
     * Signs the inputs that spend the wallet's P2WPKH and P2TR outputs (Core's signrawtransactionwithwallet);
     * {@code spent} holds the output each input spends, null where nobody knows it. Other inputs keep
     * what they have; those without a signature are listed with Core's reason.
     */
    static Partial signWhatIsMine(Transaction tx, List<TxOut> spent, DescriptorWallet wallet, int hashType) {
        List<TxIn> inputs = new ArrayList<>();
        Map<Integer, String> errors = new LinkedHashMap<>();
        // a taproot signature commits to every spent output unless it is ANYONECANPAY
        boolean allKnown = (hashType & SignatureHash.ANYONECANPAY) != 0
                || spent.stream().allMatch(java.util.Objects::nonNull);
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxIn in = tx.inputs().get(i);
            TxOut prev = spent.get(i);
            if (prev == null) {
                inputs.add(in);
                errors.put(i, "Input not found or already spent");
            } else if (!wallet.canSign(prev.scriptPubKey().bytes())) { // not the wallet's, or watch-only
                inputs.add(in);
                if (!in.hasWitness() && in.scriptSig().isEmpty()) {
                    errors.put(i, "Unable to sign input, invalid stack size (possibly missing key)");
                }
            } else if (!prev.scriptPubKey().isP2WPKH() && !prev.scriptPubKey().isP2TR()) {
                inputs.add(in);
                errors.put(i, UNSUPPORTED + prev.scriptPubKey().toHex());
            } else if (prev.scriptPubKey().isP2TR() && !allKnown) {
                inputs.add(in);
                errors.put(i, "Unable to sign a taproot input without the outputs every input spends");
            } else if (prev.scriptPubKey().isP2TR() && (hashType & 3) == SignatureHash.SINGLE && i >= tx.outputs().size()) {
                inputs.add(in); // BIP341: SINGLE without a matching output has no signature message
                errors.put(i, "Witness program was passed an empty witness");
            } else {
                inputs.add(in.withWitness(witness(tx, i, spent, wallet, hashType)));
            }
        }
        return new Partial(new Transaction(tx.version(), inputs, tx.outputs(), tx.lockTime()), errors);
    }

    /** The witness of input {@code i} signed with Core's {@code hashType} (0: SIGHASH_DEFAULT). */
    private static List<byte[]> witness(Transaction tx, int i, List<TxOut> spent, DescriptorWallet wallet, int hashType) {
        TxOut prev = spent.get(i);
        byte[] secret = wallet.secretKeyFor(prev.scriptPubKey().bytes());
        if (prev.scriptPubKey().isP2WPKH()) {
            int type = hashType == SIGHASH_DEFAULT ? SignatureHash.ALL : hashType;
            PrivateKey key = new PrivateKey(secret);
            byte[] pub = key.publicKey(true).encoded();
            byte[] digest = SignatureHash.witnessV0(tx, i, ScriptBuilder.p2pkh(Hashes.hash160(pub)), prev.value(), type);
            byte[] der = key.sign(digest).toDer();
            byte[] sig = java.util.Arrays.copyOf(der, der.length + 1);
            sig[der.length] = (byte) type;
            return List.of(sig, pub);
        }
        if (prev.scriptPubKey().isP2TR()) {
            byte[] digest = TaprootSighash.hash(tx, i, spent, hashType, null, null, 0xffffffffL);
            byte[] aux = new byte[32];
            RANDOM.nextBytes(aux);
            byte[] sig = Schnorr.sign(Schnorr.tweakSecret(secret, null), digest, aux);
            if (hashType == SIGHASH_DEFAULT) {
                return List.of(sig);
            }
            byte[] typed = java.util.Arrays.copyOf(sig, sig.length + 1); // BIP341: an explicit type follows the 64 bytes
            typed[sig.length] = (byte) hashType;
            return List.of(typed);
        }
        throw new WalletError(WalletError.WALLET_ERROR, UNSUPPORTED + prev.scriptPubKey().toHex());
    }
}
