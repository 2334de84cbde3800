package org.btcmp.wallet.core;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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
 * Signs the wallet's inputs: P2WPKH with a BIP143 digest and a low-S DER signature (SIGHASH_ALL),
 * P2TR key path with a BIP341 digest (SIGHASH_DEFAULT) and a BIP340 signature by the tweaked key.
 */
final class TxSigner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TxSigner() {
    }

    /** Returns {@code tx} with a witness for every input; {@code spent} are the outputs they spend, in order. */
    static Transaction sign(Transaction tx, List<TxOut> spent, DescriptorWallet wallet) {
        List<TxIn> signed = new ArrayList<>();
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxOut prev = spent.get(i);
            byte[] secret = wallet.secretKeyFor(prev.scriptPubKey().bytes());
            List<byte[]> witness;
            if (prev.scriptPubKey().isP2WPKH()) {
                PrivateKey key = new PrivateKey(secret);
                byte[] pub = key.publicKey(true).encoded();
                byte[] digest = SignatureHash.witnessV0(tx, i, ScriptBuilder.p2pkh(Hashes.hash160(pub)), prev.value(),
                        SignatureHash.ALL);
                byte[] der = key.sign(digest).toDer();
                byte[] sig = java.util.Arrays.copyOf(der, der.length + 1);
                sig[der.length] = SignatureHash.ALL;
                witness = List.of(sig, pub);
            } else if (prev.scriptPubKey().isP2TR()) {
                byte[] digest = TaprootSighash.hash(tx, i, spent, 0, null, null, 0xffffffffL);
                byte[] aux = new byte[32];
                RANDOM.nextBytes(aux);
                witness = List.of(Schnorr.sign(Schnorr.tweakSecret(secret, null), digest, aux));
            } else {
                throw new WalletError(WalletError.WALLET_ERROR, "Cannot sign an input spending "
                        + prev.scriptPubKey().toHex() + ": only P2WPKH and P2TR key path are supported");
            }
            signed.add(tx.inputs().get(i).withWitness(witness));
        }
        return new Transaction(tx.version(), signed, tx.outputs(), tx.lockTime());
    }
}
