/** Addresses, signature hashes and script verification. */
@Export
@Version("1.1.0")
package org.btcmp.primitives.script;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
