package org.btcmp.wallet.store;

import java.nio.file.Path;

/** Child process for the lock test: opens a wallet file, says HELD, and keeps it until stdin closes. */
public final class HoldWalletMain {
    private HoldWalletMain() {
    }

    public static void main(String[] args) throws Exception {
        try (WalletDatabase db = WalletDatabase.open(Path.of(args[0]))) {
            System.out.println("HELD " + db.file());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin
            }
        }
    }
}
