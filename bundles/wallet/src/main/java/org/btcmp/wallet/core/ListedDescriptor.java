package org.btcmp.wallet.core;

import java.util.Optional;

/**
 * One entry of Core's listdescriptors result: the descriptor text (public, or with private keys), its
 * creation/import time, whether it is active and (when active) whether it is for change, and for a
 * ranged descriptor the derived range and the next index to hand out.
 */
public record ListedDescriptor(String desc, long timestamp, boolean active, Optional<Boolean> internal,
        Optional<int[]> range, Optional<Integer> next) {
}
