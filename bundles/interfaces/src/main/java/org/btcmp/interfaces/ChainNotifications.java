package org.btcmp.interfaces;

import org.osgi.annotation.versioning.ConsumerType;

/** What the node tells a wallet as the chain and mempool change (Core's Chain::Notifications). */
@ConsumerType
public interface ChainNotifications {
    default void transactionAddedToMempool(byte[] tx) {
    }

    default void transactionRemovedFromMempool(byte[] tx) {
    }

    default void blockConnected(BlockInfo block) {
    }

    default void blockDisconnected(BlockInfo block) {
    }

    default void chainStateFlushed(String tipHash) {
    }
}
