package org.btcmp.wallet.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

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

    /**
     * The names of the wallets under {@code walletsDir} (Core's listwalletdir): every directory, at any
     * depth, holding a {@code wallet.dat} that starts with SQLite's header; the default wallet is "".
     * Sorted; unreadable entries are skipped, as Core skips them.
     */
    public static List<String> listWallets(Path walletsDir) throws IOException {
        Path base = walletsDir.toAbsolutePath().normalize();
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return names;
        }
        try (Stream<Path> dirs = Files.walk(base)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                if (isSqliteFile(walletFile(dir))) {
                    names.add(base.relativize(dir).toString());
                }
            }
        }
        names.sort(null);
        return names;
    }

    private static boolean isSqliteFile(Path file) {
        byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(magic.length), magic);
        } catch (IOException e) {
            return false;
        }
    }
}
