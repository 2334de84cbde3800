package org.btcmp.wallet.tool;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.btcmp.common.args.ChainType;
import org.btcmp.wallet.core.DescriptorWallet;
import org.btcmp.wallet.core.WalletOptions;
import org.btcmp.wallet.store.DescriptorRecords;
import org.btcmp.wallet.store.MetaRecords;
import org.btcmp.wallet.store.WalletDatabase;
import org.btcmp.wallet.store.WalletDump;
import org.btcmp.wallet.store.WalletFileException;
import org.btcmp.wallet.store.WalletPaths;

/**
 * Core's offline wallet tool without a node: {@code create}, {@code info}, {@code dump} and
 * {@code createfromdump} on a wallet file under {@code <datadir>/<network>/wallets}. A wallet a running
 * process holds is refused (its file lock), and a refused command changes no file.
 */
public final class WalletToolCommand {
    private static final List<String> COMMANDS = List.of("create", "info", "dump", "createfromdump");
    private static final Map<String, ChainType> NETWORK_SWITCHES = Map.of("-regtest", ChainType.REGTEST,
            "-testnet", ChainType.TESTNET, "-testnet4", ChainType.TESTNET4);

    private final PrintStream out;
    private final PrintStream err;

    private WalletToolCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the tool with {@code args}; returns the process exit status (0 success, 1 failure). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new WalletToolCommand(out, err).run(args);
    }

    private int run(String[] args) {
        Path dataDir = Path.of(System.getProperty("user.home"), ".bitcoin");
        ChainType network = ChainType.MAIN;
        String name = "";
        Optional<Path> dumpFile = Optional.empty();
        String command = null;
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                if (command != null) {
                    err.println("Error: two methods provided (" + command + " and " + arg + "). Only one method is allowed.");
                    return 1;
                }
                command = arg;
                continue;
            }
            String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            key = key.startsWith("--") ? key.substring(1) : key;
            switch (key) {
                case "-datadir" -> dataDir = Path.of(value);
                case "-wallet" -> name = value;
                case "-dumpfile" -> dumpFile = Optional.of(Path.of(value));
                case "-chain" -> {
                    Optional<ChainType> chosen = Arrays.stream(ChainType.values()).filter(n -> n.chainName().equals(value))
                            .findFirst();
                    if (chosen.isEmpty()) {
                        err.println("Error: Invalid chain '" + value + "'");
                        return 1;
                    }
                    network = chosen.get();
                }
                case "-regtest", "-testnet", "-testnet4" -> network = NETWORK_SWITCHES.get(key);
                case "-format", "-descriptors", "-debug", "-printtoconsole", "-legacy" -> {
                    // accepted as Core accepts them; sqlite descriptor wallets are the only kind here
                }
                case "-help", "-?", "-h" -> {
                    out.print(help());
                    return 0;
                }
                default -> {
                    err.println("Error parsing command line arguments: Invalid parameter " + arg);
                    return 1;
                }
            }
        }
        if (command == null) {
            err.println("No method provided. Run `bitcoin-wallet -help` for valid methods.");
            return 1;
        }
        if (!COMMANDS.contains(command)) {
            err.println("Invalid command '" + command + "'");
            return 1;
        }
        if (dumpFile.isPresent() && !command.equals("dump") && !command.equals("createfromdump")) {
            err.println("The -dumpfile option can only be used with the \"dump\" and \"createfromdump\" commands.");
            return 1;
        }
        String sub = network.dataSubdirectory();
        Path walletsDir = (sub.isEmpty() ? dataDir : dataDir.resolve(sub)).resolve("wallets");
        try {
            Path walletDir = WalletPaths.walletDir(walletsDir, name);
            return switch (command) {
                case "create" -> create(walletDir, name, network);
                case "info" -> info(walletDir, name);
                case "dump" -> dump(walletDir, dumpFile);
                default -> createFromDump(walletDir, name, dumpFile);
            };
        } catch (WalletFileException | IllegalArgumentException e) {
            err.println(e.getMessage().startsWith("Error") ? e.getMessage() : "Error: " + e.getMessage());
            return 1;
        }
    }

    private int create(Path walletDir, String name, ChainType network) {
        if (name.isEmpty()) {
            err.println("Wallet name must be provided when creating a new wallet.");
            return 1;
        }
        if (Files.exists(WalletPaths.walletFile(walletDir))) {
            err.println("Error: Failed to create database path '" + walletDir + "'. Database already exists.");
            return 1;
        }
        out.println("Topping up keypool...");
        DescriptorWallet.create(walletDir, WalletOptions.of(network), WalletOptions.Seed.random()).close();
        return info(walletDir, name);
    }

    private int info(Path walletDir, String name) {
        if (!Files.exists(WalletPaths.walletFile(walletDir))) {
            err.println("Error: Failed to load database path '" + walletDir + "'. Path does not exist.");
            return 1;
        }
        try (WalletDatabase db = WalletDatabase.open(walletDir)) {
            db.read(c -> {
                long keypool = 0;
                for (DescriptorRecords.Row d : DescriptorRecords.all(c)) {
                    if (d.active() && !d.internal()) {
                        keypool += d.rangeEnd() - d.nextIndex();
                    }
                }
                out.println("Wallet info");
                out.println("===========");
                out.println("Name: " + name);
                out.println("Format: sqlite");
                out.println("Descriptors: yes");
                out.println("Encrypted: " + (MetaRecords.get(c, "master_key").isPresent() ? "yes" : "no"));
                out.println("HD (hd seed available): yes");
                out.println("Keypool Size: " + keypool);
                out.println("Transactions: " + count(c, "wallet_tx"));
                out.println("Address Book: " + count(c, "address_book"));
                return null;
            });
        }
        return 0;
    }

    private int dump(Path walletDir, Optional<Path> dumpFile) {
        if (dumpFile.isEmpty()) {
            err.println("No dump file provided. To use dump, -dumpfile=<filename> must be provided.");
            return 1;
        }
        if (Files.exists(dumpFile.get())) {
            err.println("File " + dumpFile.get() + " already exists. If you are sure this is what you want, move it"
                    + " out of the way first.");
            return 1;
        }
        if (!Files.exists(WalletPaths.walletFile(walletDir))) {
            err.println("Error: Failed to load database path '" + walletDir + "'. Path does not exist.");
            return 1;
        }
        try (WalletDatabase db = WalletDatabase.open(walletDir)) {
            WalletDump.dump(db, dumpFile.get());
        }
        out.println("The dumpfile may contain private keys. To ensure the safety of your Bitcoin, do not share the dumpfile.");
        return 0;
    }

    private int createFromDump(Path walletDir, String name, Optional<Path> dumpFile) {
        if (dumpFile.isEmpty()) {
            err.println("No dump file provided. To use createfromdump, -dumpfile=<filename> must be provided.");
            return 1;
        }
        if (!Files.exists(dumpFile.get())) {
            err.println("Dump file " + dumpFile.get() + " does not exist.");
            return 1;
        }
        if (name.isEmpty()) {
            err.println("Wallet name must be provided when creating a new wallet.");
            return 1;
        }
        if (Files.exists(WalletPaths.walletFile(walletDir))) {
            err.println("Error: Failed to create database path '" + walletDir + "'. Database already exists.");
            return 1;
        }
        WalletDump.createFromDump(dumpFile.get(), walletDir).close();
        return info(walletDir, name);
    }

    private static long count(java.sql.Connection c, String table) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static String help() {
        return """
                Usage:
                  bitcoin-wallet [options] <command>

                Options:
                  -chain=<chain>     Use the chain <chain> (main, test, testnet4, regtest)
                  -datadir=<dir>     Specify data directory
                  -dumpfile=<file>   When used with 'dump', writes out the records to this file. When used with
                                     'createfromdump', loads the records into a new wallet.
                  -regtest, -testnet, -testnet4
                                     Use that chain
                  -wallet=<wallet-name>
                                     Specify wallet name

                Commands:
                  create             Create new wallet file
                  createfromdump     Create new wallet file from dumped records
                  dump               Print out all of the wallet key-value records
                  info               Get wallet info
                """;
    }
}
