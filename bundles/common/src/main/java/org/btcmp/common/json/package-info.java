/**
 * JSON as Bitcoin Core's UniValue reads and writes it, for every process: the node's RPC server, the
 * wallet's RPC commands, bitcoin-cli and the GUI's console.
 */
@Export
@Version("1.0.0")
package org.btcmp.common.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
