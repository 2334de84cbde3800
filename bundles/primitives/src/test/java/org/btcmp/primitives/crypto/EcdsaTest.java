package org.btcmp.primitives.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.Hex;
import org.junit.jupiter.api.Test;

class EcdsaTest {
    @Test
    void bip143KeyDerivesItsPublishedPublicKey() {
        PrivateKey k = new PrivateKey(Hex.decode("619c335025c7f4012e556c2a58b2506e30b8511b53ade95ea316fd8c3286feb9"));
        assertEquals("025476c2e83188368da1ff3e292e7acafcdb3566bb0ad253f62fc70f07aeee6357",
                Hex.encode(k.publicKey(true).encoded()));
    }

    @Test
    void signThenVerifyAndRejectOtherMessage() {
        PrivateKey k = new PrivateKey(Hashes.sha256("key".getBytes()));
        byte[] msg = Hashes.sha256("message".getBytes());
        EcdsaSignature sig = k.sign(msg);
        assertTrue(sig.hasLowS());
        assertTrue(EcdsaSignature.isStrictDer(sig.toDer()));
        assertEquals(sig, EcdsaSignature.fromDer(sig.toDer()));
        assertTrue(k.publicKey(true).verify(msg, sig));
        assertTrue(PublicKey.parse(k.publicKey(false).encoded()).verify(msg, sig));
        assertFalse(k.publicKey(true).verify(Hashes.sha256("other".getBytes()), sig));
        assertEquals(sig, k.sign(msg), "RFC 6979 nonces are deterministic");
    }

    @Test
    void malformedKeysAndSignaturesAreCleanErrors() {
        assertThrows(DecodeException.class, () -> PublicKey.parse(new byte[33]));
        assertThrows(DecodeException.class, () -> PublicKey.parse(new byte[] {2, 1}));
        assertThrows(DecodeException.class, () -> EcdsaSignature.fromDer(new byte[] {0x30, 0}));
        assertFalse(EcdsaSignature.isStrictDer(Hex.decode("300702020001020101")), "needlessly zero-padded r");
    }

    /**
     * A nonce point whose x is N or more: its r is x - N, and verification, which compares r·z² and
     * then (r + N)·z² with the Jacobian x, must accept it. The key is built to fit the signature:
     * Q = (s·R - z·G)/r, so (z/s)·G + (r/s)·Q = R.
     */
    @Test
    void acceptsASignatureWhoseNonceXIsAtLeastTheOrder() {
        BigInteger n = Secp256k1.N;
        Secp256k1.Point big = null;
        for (BigInteger x = n.add(BigInteger.ONE); big == null; x = x.add(BigInteger.ONE)) {
            big = Secp256k1.lift(x, false);
        }
        BigInteger r = big.x().subtract(n);
        BigInteger s = new BigInteger(1, Hashes.sha256("s".getBytes())).mod(n);
        byte[] hash = Hashes.sha256("message".getBytes());
        BigInteger z = new BigInteger(1, hash);
        Secp256k1.Point q = ReferenceSecp256k1.multiply(ReferenceSecp256k1.add(ReferenceSecp256k1.multiply(big, s),
                ReferenceSecp256k1.multiply(Secp256k1.G, n.subtract(z.mod(n)))), r.modInverse(n));
        PublicKey key = PublicKey.of(q, true);
        assertTrue(key.verify(hash, new EcdsaSignature(r, s)), "r = x - N");
        assertFalse(key.verify(hash, new EcdsaSignature(r.add(BigInteger.ONE), s)));
        assertFalse(key.verify(Hashes.sha256("other".getBytes()), new EcdsaSignature(r, s)));
        // and r + N would be the x itself: compared against the same point it must match too
        assertTrue(Secp256k1.xModNEquals(BigInteger.ZERO, big, BigInteger.ONE, r));
        assertFalse(Secp256k1.xModNEquals(BigInteger.ZERO, big, BigInteger.ONE, r.add(BigInteger.ONE)));
    }

    @Test
    void signaturesFromManyKeysVerifyAndFailOnAnyChange() {
        for (int i = 0; i < 200; i++) {
            PrivateKey k = new PrivateKey(Hashes.sha256(("key " + i).getBytes()));
            byte[] msg = Hashes.sha256(("message " + i).getBytes());
            EcdsaSignature sig = k.sign(msg);
            PublicKey pub = k.publicKey(i % 2 == 0);
            assertTrue(pub.verify(msg, sig));
            assertFalse(pub.verify(msg, new EcdsaSignature(sig.r(), sig.s().add(BigInteger.ONE))));
            assertFalse(pub.verify(msg, new EcdsaSignature(sig.r().add(BigInteger.ONE), sig.s())));
            assertTrue(pub.verify(msg, new EcdsaSignature(sig.r(), Secp256k1.N.subtract(sig.s()))), "high S verifies");
        }
    }
}
