package org.btcmp.primitives.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
