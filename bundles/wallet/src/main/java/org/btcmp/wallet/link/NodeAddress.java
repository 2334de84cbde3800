package org.btcmp.wallet.link;

import java.util.Optional;
import org.btcmp.common.args.Args;
import org.btcmp.common.init.IpcAddresses;
import org.btcmp.ipc.IpcAddress;

/** Where a wallet process started with {@code -ipcconnect} finds the node (Core's bitcoin-wallet option). */
public final class NodeAddress {
    private NodeAddress() {
    }

    /**
     * The node socket {@code -ipcconnect} names ({@code unix}, a bare {@code -ipcconnect}, or
     * {@code unix:<path>} relative to {@code <datadir>/<network>}); empty when the executable has no such
     * option or it is not given or negated.
     *
     * @throws IllegalArgumentException with Core's wording for a value that names no socket
     */
    public static Optional<IpcAddress> connectTo(Args args) {
        if (!args.declares("ipcconnect") || args.isNegated("ipcconnect")) {
            return Optional.empty();
        }
        return args.get("ipcconnect").map(value -> IpcAddress.unix(
                IpcAddresses.socketPath(value.isEmpty() ? "unix" : value, args.chainDataDir(), "node")));
    }
}
