/**
 * Bitcoin data structures with Core's serialization and hashes: transactions (segwit), blocks,
 * headers, scripts, merkle roots, and each network's chain parameters. Parsing untrusted bytes
 * throws {@link org.btcmp.primitives.DecodeException} only.
 */
@Export
@Version("1.0.0")
package org.btcmp.primitives;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
