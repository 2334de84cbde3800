/**
 * Pieces every btcmp executable shares that are not options: the data directory lock.
 */
@Export
@Version("1.0.0")
package org.btcmp.common;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
