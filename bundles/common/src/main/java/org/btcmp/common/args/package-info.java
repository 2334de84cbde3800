/**
 * Options as Bitcoin Core reads them: {@code -name=value} on the command line, {@code name=value} in
 * {@code bitcoin.conf} with {@code [chain]} sections, with Core's precedence and error messages.
 */
@Export
@Version("1.2.0")
package org.btcmp.common.args;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
