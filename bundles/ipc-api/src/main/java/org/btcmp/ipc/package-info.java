/**
 * Transport SPI. Transports register {@link org.btcmp.ipc.Transport} (and socket transports
 * {@link org.btcmp.ipc.ProcessSpawner}) as OSGi services; consumers look them up in the service
 * registry and never name an implementation.
 */
@Export
@Version("1.2.0")
package org.btcmp.ipc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
