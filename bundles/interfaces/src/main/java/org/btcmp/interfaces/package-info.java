/**
 * Process-boundary interfaces: {@link org.btcmp.interfaces.Init} is the entry point every
 * connection starts from; it makes the other interfaces.
 */
@Export
@Version("2.1.0")
package org.btcmp.interfaces;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
