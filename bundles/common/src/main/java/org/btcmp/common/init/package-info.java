/**
 * What the node executables share before any bundle starts, as Core's init.cpp: the options
 * bitcoind and bitcoin-node accept, the checks on their values, and the way a component tells
 * the process to shut down or that it could not start.
 */
@Export
@Version("1.2.0")
package org.btcmp.common.init;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
