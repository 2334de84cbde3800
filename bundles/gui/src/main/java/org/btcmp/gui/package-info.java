/** The GUI's entry point: {@link org.btcmp.gui.BitcoinGui} opens the window over Node and WalletLoader. */
@Export
@Version("1.0.0")
package org.btcmp.gui;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
