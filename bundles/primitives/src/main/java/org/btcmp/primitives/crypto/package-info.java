/** secp256k1 keys and ECDSA signatures (pure Java, no native code). */
@Export
@Version("1.0.0")
package org.btcmp.primitives.crypto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
