package org.btcmp.wallet.store;

import java.nio.file.Path;

/**
 * Where a wallet lives: {@code <datadir>/<network>/wallets/<name>/wallet.dat} as in Core, the unnamed
 * default wallet directly in {@code wallets/}.
 */
public final class WalletPaths {
    /** The SQLite file inside a wallet directory (Core's name for it). */
    public static final String FILE_NAME = "wallet.dat";

    private WalletPaths() {
    }

    /**
     * The directory of the wallet called {@code name} under {@code walletsDir}.
     *
     * @throws WalletFileException (BAD_NAME) for a name that is absolute or leaves {@code walletsDir}
     */
    public static Path walletDir(Path walletsDir, String name) {
        Path base = walletsDir.toAbsolutePath().normalize();
        if (name.isEmpty()) {
            return base;
        }
        Path relative = Path.of(name);
        Path dir = base.resolve(relative).normalize();
        if (relative.isAbsolute() || !dir.startsWith(base) || dir.equals(base) || name.indexOf('\0') >= 0) {
            throw new WalletFileException(WalletFileException.Reason.BAD_NAME,
                    "Invalid wallet name '" + name + "': it must stay inside " + base);
        }
        return dir;
    }

    public static Path walletFile(Path walletDir) {
        return walletDir.resolve(FILE_NAME);
    }
}
