package org.btcmp.gui.view;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.Node;
import org.btcmp.ipc.IpcException;

/**
 * A wallet's lock through its RPCs (the Wallet interface has no methods for it yet): whether it is
 * locked, and a send made while briefly unlocked, as Core's GUI unlocks for one send and locks again.
 * Worker threads only.
 */
final class WalletLocks {
    /** How long the wallet stays unlocked for one send if locking it again fails (seconds). */
    static final int SEND_UNLOCK_SECONDS = 60;

    private WalletLocks() {
    }

    /**
     * True for an encrypted wallet that is locked now (Core's getwalletinfo: unlocked_until 0). A node that
     * cannot answer for the wallet counts as unlocked: the send then goes ahead, and a locked wallet refuses it
     * with its own message, which the send screen shows.
     */
    static boolean isLocked(Node node, String walletUri) {
        Map<?, ?> info;
        try {
            info = (Map<?, ?>) Json.parse(node.executeRpc("getwalletinfo", "[]", walletUri));
        } catch (IpcException lost) {
            throw lost;
        } catch (RuntimeException | Json.ParseException unanswered) { // e.g. no getwalletinfo: the fake nodes of the form tests
            return false;
        }
        return info.get("unlocked_until") instanceof Number until && until.longValue() == 0;
    }

    /** Runs {@code call}; with a passphrase, unlocks the wallet first and locks it again afterwards. */
    static <T> T whileUnlocked(Node node, String walletUri, String passphrase, Callable<T> call) throws Exception {
        if (passphrase == null) {
            return call.call();
        }
        node.executeRpc("walletpassphrase", Json.write(List.of(passphrase, new BigDecimal(SEND_UNLOCK_SECONDS))),
                walletUri);
        try {
            return call.call();
        } finally {
            node.executeRpc("walletlock", "[]", walletUri);
        }
    }
}
