package org.btcmp.common.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.args.ArgsParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletArgsTest {
    @TempDir
    Path dataDir;

    private Args parse(String... argv) throws ArgsException {
        String[] all = new String[argv.length + 2];
        all[0] = "-datadir=" + dataDir;
        all[1] = "-regtest";
        System.arraycopy(argv, 0, all, 2, argv.length);
        return new ArgsParser(ServerOptions.TABLE, false, dataDir).parse(all);
    }

    @Test
    void fallbackfeeIsBitcoinsPerKvbTurnedIntoSatoshis() throws ArgsException {
        assertEquals(0, WalletArgs.fallbackFeeRate(parse()));
        assertEquals(20_000, WalletArgs.fallbackFeeRate(parse("-fallbackfee=0.0002")));
        assertEquals(100_000_000, WalletArgs.fallbackFeeRate(parse("-fallbackfee=1")));
        for (String bad : List.of("x", "-1", "0.000000001", "22000000")) {
            assertEquals("Invalid amount for -fallbackfee=<amount>: '" + bad + "'", assertThrows(ArgsException.class,
                    () -> WalletArgs.fallbackFeeRate(parse("-fallbackfee=" + bad))).getMessage());
        }
    }

    @Test
    void keypoolDefaultsToCoresThousandAndANegativeSizeIsZero() throws ArgsException {
        assertEquals(1000, WalletArgs.keypoolSize(parse()));
        assertEquals(5, WalletArgs.keypoolSize(parse("-keypool=5")));
        assertEquals(0, WalletArgs.keypoolSize(parse("-keypool=-3")));
        assertThrows(ArgsException.class, () -> WalletArgs.keypoolSize(parse("-keypool=many")));
    }

    @Test
    void walletdirDefaultsToTheNetworksWalletsAndMustBeAnExistingAbsoluteDirectory() throws Exception {
        assertEquals(dataDir.resolve("regtest/wallets"), WalletArgs.walletDir(parse()));
        Path mine = Files.createDirectory(dataDir.resolve("mine"));
        assertEquals(mine, WalletArgs.walletDir(parse("-walletdir=" + mine)));
        assertEquals("Specified -walletdir \"rel\" is a relative path",
                assertThrows(ArgsException.class, () -> WalletArgs.walletDir(parse("-walletdir=rel"))).getMessage());
        assertThrows(ArgsException.class, () -> WalletArgs.walletDir(parse("-walletdir=" + dataDir.resolve("none"))));
        Path file = Files.writeString(dataDir.resolve("file"), "");
        assertEquals("Specified -walletdir \"" + file + "\" is not a directory",
                assertThrows(ArgsException.class, () -> WalletArgs.walletDir(parse("-walletdir=" + file))).getMessage());
    }

    @Test
    void walletNamesEachWalletToLoadOnceInOrder() throws ArgsException {
        assertEquals(List.of(), WalletArgs.startupWallets(parse()));
        assertEquals(List.of("b", "a", ""), WalletArgs.startupWallets(parse("-wallet=b", "-wallet=a", "-wallet=b", "-wallet=")));
        assertEquals(List.of("c"), WalletArgs.startupWallets(parse("-wallet=a", "-nowallet", "-wallet=c")));
    }

    @Test
    void theWalletProcessDeclaresWhereTheNodeIsAndTheNodeDoesNot() throws ArgsException {
        Args node = parse();
        Args wallet = new ArgsParser(WalletProcessOptions.TABLE, false, dataDir).parse("-datadir=" + dataDir, "-ipcconnect=unix");
        assertEquals(false, node.declares("ipcconnect"));
        assertEquals(true, wallet.declares("ipcconnect"));
        assertEquals(true, wallet.declares("fallbackfee"));
    }
}
