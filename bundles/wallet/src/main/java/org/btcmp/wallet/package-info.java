/** The wallet's services as other bundles see them. */
@Export
@Version("1.1.0")
package org.btcmp.wallet;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
