package org.btcmp.common.init;

import static org.btcmp.common.args.OptionSpec.value;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.args.OptionCategory;
import org.btcmp.common.args.OptionFlag;
import org.btcmp.common.args.OptionSpec;

/**
 * The wallet options of Core's WalletInit::AddWalletOptions that btcmp acts on, shared by the node
 * executables (whose wallet may run in the same process) and bitcoin-wallet, and what they mean.
 */
public final class WalletArgs {
    /** Core's DEFAULT_KEYPOOL_SIZE. */
    public static final long DEFAULT_KEYPOOL = 1000;

    public static final List<OptionSpec> OPTIONS = List.of(
            value("fallbackfee", "<amt>", "A fee rate (in BTC/kvB) that will be used when fee estimation has "
                    + "insufficient data. 0 to entirely disable the fallbackfee feature. (default: 0.00)",
                    OptionCategory.WALLET),
            value("keypool", "<n>", "Set key pool size to <n> (default: " + DEFAULT_KEYPOOL + "). Warning: Smaller "
                    + "sizes may increase the risk of losing funds when restoring from an old backup",
                    OptionCategory.WALLET),
            value("wallet", "<path>", "Specify wallet path to load at startup. Can be used multiple times to load "
                    + "multiple wallets. Path is to a directory containing wallet data and log files. If the path is "
                    + "not absolute, it is interpreted relative to <walletdir>.", OptionCategory.WALLET,
                    OptionFlag.NETWORK_ONLY, OptionFlag.LIST),
            value("walletdir", "<dir>", "Specify directory to hold wallets (default: <datadir>/wallets if it exists, "
                    + "otherwise <datadir>)", OptionCategory.WALLET, OptionFlag.NETWORK_ONLY));

    private WalletArgs() {
    }

    /** Core's -fallbackfee in satoshis per 1000 vbytes. */
    public static long fallbackFeeRate(Args args) throws ArgsException {
        String text = args.get("fallbackfee", "0");
        try {
            BigDecimal btc = new BigDecimal(text.strip());
            if (btc.signum() >= 0 && btc.scale() <= 8 && btc.compareTo(BigDecimal.valueOf(21_000_000)) <= 0) {
                return btc.movePointRight(8).longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below, with Core's wording
        }
        throw new ArgsException("Invalid amount for -fallbackfee=<amount>: '" + text + "'");
    }

    /** Core's -keypool (a negative value counts as 0, as Core clamps it). */
    public static int keypoolSize(Args args) throws ArgsException {
        long n = args.getInt("keypool", DEFAULT_KEYPOOL);
        return (int) Math.max(0, Math.min(n, Integer.MAX_VALUE));
    }

    /**
     * The wallet directory: -walletdir (which must exist and be a directory, as Core checks), else
     * {@code <datadir>/<network>/wallets}.
     */
    public static Path walletDir(Args args) throws ArgsException {
        String given = args.get("walletdir", "");
        if (given.isEmpty() || args.isNegated("walletdir")) {
            return args.chainDataDir().resolve("wallets");
        }
        Path dir = Path.of(given);
        if (!dir.isAbsolute()) {
            throw new ArgsException("Specified -walletdir \"" + given + "\" is a relative path");
        }
        if (!java.nio.file.Files.exists(dir)) {
            throw new ArgsException("Specified -walletdir \"" + given + "\" does not exist");
        }
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new ArgsException("Specified -walletdir \"" + given + "\" is not a directory");
        }
        return dir;
    }

    /** The wallets -wallet names, in order, without repeats; "" is the default wallet. */
    public static List<String> startupWallets(Args args) {
        return args.getAll("wallet").stream().distinct().toList();
    }
}
