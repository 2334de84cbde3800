package org.btcmp.interfaces;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Block template creation and submission for external miners, shaped as Core's interfaces::Mining. */
@ProviderType
public interface Mining {
    boolean isTestChain();

    boolean isInitialBlockDownload();

    Optional<BlockRef> getTip();

    /** Waits up to {@code timeoutMillis} for the tip to differ from {@code currentTip}; returns the tip then. */
    BlockRef waitTipChanged(String currentTip, double timeoutMillis) throws InterruptedException;

    /** A new template on the tip paying its reward to {@code coinbaseScript}, with mempool transactions. */
    BlockTemplate createNewBlock(byte[] coinbaseScript);
}
