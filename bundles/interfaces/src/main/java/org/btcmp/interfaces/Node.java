package org.btcmp.interfaces;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/** What a GUI needs from the node (Core's interfaces::Node, the part this node has). */
@ProviderType
public interface Node {
    BlockRef getTip();

    /** The best header known (equal to the tip while this node has no peers). */
    BlockRef getHeaderTip();

    double getVerificationProgress();

    long getMempoolSize();

    long getMempoolBytes();

    boolean getNetworkActive();

    /** Called with each new tip until the handler is disconnected. */
    Handler handleNotifyBlockTip(Consumer<BlockRef> listener);
}
