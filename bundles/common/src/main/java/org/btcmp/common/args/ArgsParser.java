package org.btcmp.common.args;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a command line and the bitcoin.conf it points at into {@link Args}, as Core's ArgsManager
 * does, with Core's messages for what it refuses.
 */
public final class ArgsParser {
    /** Options every executable has: where its files are and which chain it runs on. */
    public static final List<OptionSpec> COMMON_OPTIONS = List.of(
            OptionSpec.value("datadir", "<dir>", "Specify data directory", OptionCategory.OPTIONS),
            OptionSpec.value("conf", "<file>", "Specify path to read-only configuration file. Relative paths will be "
                    + "prefixed by datadir location (only useable from command line, not configuration file) (default: bitcoin.conf)",
                    OptionCategory.OPTIONS),
            OptionSpec.value("includeconf", "<file>", "Specify additional configuration file, relative to the -datadir path "
                    + "(only useable from configuration file, not command line)", OptionCategory.OPTIONS, OptionFlag.LIST),
            OptionSpec.value("chain", "<chain>", "Use the chain <chain> (default: main). Allowed values: main, test, "
                    + "testnet4, signet, regtest", OptionCategory.CHAINPARAMS),
            OptionSpec.flag("regtest", "Enter regression test mode, which uses a special chain in which blocks can be "
                    + "solved instantly. Equivalent to -chain=regtest.", OptionCategory.CHAINPARAMS),
            OptionSpec.flag("testnet", "Use the testnet3 chain. Equivalent to -chain=test.", OptionCategory.CHAINPARAMS),
            OptionSpec.flag("testnet4", "Use the testnet4 chain. Equivalent to -chain=testnet4.", OptionCategory.CHAINPARAMS),
            OptionSpec.flag("signet", "Use the signet chain. Equivalent to -chain=signet.", OptionCategory.CHAINPARAMS));

    private static final String CHAIN_COMBINATION_ERROR =
            "Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.";

    private final OptionTable table;
    private final boolean commandAllowed;
    private final Path defaultDataDir;

    /**
     * @param table          the executable's options (include {@link #COMMON_OPTIONS})
     * @param commandAllowed whether words may follow the options (a command, as bitcoin-cli takes);
     *                       otherwise a stray word is an error, as in bitcoind
     * @param defaultDataDir the data directory without -datadir (Core: ~/.bitcoin)
     */
    public ArgsParser(OptionTable table, boolean commandAllowed, Path defaultDataDir) {
        this.table = table;
        this.commandAllowed = commandAllowed;
        this.defaultDataDir = defaultDataDir;
    }

    /** Core's default data directory on Linux. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".bitcoin");
    }

    public Args parse(String... argv) throws ArgsException {
        Map<String, List<Setting>> commandLine = new LinkedHashMap<>();
        int i = 0;
        for (; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            parseOption(arg, commandLine);
        }
        List<String> rest = List.of(argv).subList(i, argv.length);
        if (!rest.isEmpty() && !commandAllowed) {
            throw new ArgsException("Command line contains unexpected token '" + rest.get(0) + "', see -help for a list of options.");
        }
        if (commandLine.containsKey("includeconf")) {
            throw new ArgsException("-includeconf cannot be used from commandline; -includeconf=" + last(commandLine, "includeconf"));
        }

        Path dataDir = dataDir(commandLine);
        List<String> warnings = new ArrayList<>();
        ConfigFile config = readConfig(commandLine, dataDir, warnings);
        ChainType chain = chain(commandLine, config);
        warnNetworkOnlyAtTop(config, chain, warnings);
        return new Args(table, commandLine, config, chain, dataDir, rest, warnings);
    }

    private void parseOption(String arg, Map<String, List<Setting>> commandLine) throws ArgsException {
        String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        int eq = body.indexOf('=');
        String key = eq < 0 ? body : body.substring(0, eq);
        Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(body.substring(eq + 1));
        String invalid = "Error parsing command line arguments: Invalid parameter " + (eq < 0 ? arg : arg.substring(0, arg.indexOf('=')));
        if (table.find(key).isPresent()) {
            commandLine.computeIfAbsent(key, k -> new ArrayList<>()).add(new Setting(value.orElse(""), false));
            return;
        }
        if (key.startsWith("no") && table.find(key.substring(2)).isPresent()) {
            String name = key.substring(2);
            String v = value.orElse("1");
            Setting setting;
            if (v.equals("1") || v.isEmpty()) {
                setting = Setting.NEGATION;
            } else if (v.equals("0")) {
                setting = new Setting("1", false);
            } else {
                throw new ArgsException("Error parsing command line arguments: Negating of -" + name + " is meaningless and therefore forbidden");
            }
            commandLine.computeIfAbsent(name, k -> new ArrayList<>()).add(setting);
            return;
        }
        throw new ArgsException(invalid);
    }

    private Path dataDir(Map<String, List<Setting>> commandLine) throws ArgsException {
        String given = last(commandLine, "datadir");
        if (given == null || given.isEmpty()) {
            return defaultDataDir;
        }
        Path dir = Path.of(given).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ArgsException("Error: Specified data directory \"" + given + "\" does not exist.");
        }
        return dir;
    }

    private ConfigFile readConfig(Map<String, List<Setting>> commandLine, Path dataDir, List<String> warnings) throws ArgsException {
        List<Setting> conf = commandLine.getOrDefault("conf", List.of());
        Setting lastConf = conf.isEmpty() ? null : conf.get(conf.size() - 1);
        if (lastConf != null && lastConf.negated()) {
            return ConfigFile.parse("", "(none)", table); // -noconf: read no file
        }
        boolean explicit = lastConf != null && !lastConf.value().isEmpty();
        String confArg = explicit ? lastConf.value() : null;
        Path file = dataDir.resolve(explicit ? confArg : "bitcoin.conf");
        if (!Files.exists(file)) {
            if (explicit) {
                throw new ArgsException("Error reading configuration file: specified config file \"" + confArg + "\" could not be opened.");
            }
            return ConfigFile.parse("", "(none)", table);
        }
        ConfigFile config = ConfigFile.parse(read(file), file.toString(), table);
        if (!config.get("", "conf").isEmpty()) {
            throw new ArgsException("Error reading configuration file " + file + ": conf cannot be set in the configuration file; "
                    + "use includeconf= if you want to include additional config files");
        }
        List<String> includes = new ArrayList<>();
        config.get("", "includeconf").forEach(s -> includes.add(s.value()));
        ChainType provisional = chain(commandLine, config);
        config.get(provisional.chainName(), "includeconf").forEach(s -> includes.add(s.value()));
        for (String include : includes) {
            Path included = dataDir.resolve(include);
            if (!Files.isRegularFile(included)) {
                throw new ArgsException("Error reading configuration file: Failed to include configuration file " + include);
            }
            config.read(read(included), included.toString(), table);
        }
        warnings.addAll(config.warnings());
        return config;
    }

    private static String read(Path file) throws ArgsException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ArgsException("Error reading configuration file " + file + ": " + e.getMessage());
        }
    }

    /** -chain or one of the chain switches, from the command line or the top of the file; at most one. */
    private static ChainType chain(Map<String, List<Setting>> commandLine, ConfigFile config) throws ArgsException {
        List<ChainType> selected = new ArrayList<>();
        String chainName = last(commandLine, "chain");
        if (chainName == null && !config.get("", "chain").isEmpty()) {
            chainName = config.get("", "chain").get(0).value();
        }
        if (chainName != null) {
            String name = chainName;
            selected.add(ChainType.byName(name).orElseThrow(() -> new ArgsException(
                    "Error: Invalid chain name: '" + name + "'. Allowed values: main, test, testnet4, signet, regtest")));
        }
        Map<String, ChainType> switches = Map.of("regtest", ChainType.REGTEST, "testnet", ChainType.TESTNET,
                "testnet4", ChainType.TESTNET4, "signet", ChainType.SIGNET);
        for (Map.Entry<String, ChainType> entry : switches.entrySet()) {
            if (isSetOn(commandLine, config, entry.getKey())) {
                selected.add(entry.getValue());
            }
        }
        if (selected.size() > 1) {
            throw new ArgsException("Error: " + CHAIN_COMBINATION_ERROR);
        }
        return selected.isEmpty() ? ChainType.MAIN : selected.get(0);
    }

    /** A switch's value: the command line's last occurrence, else the file's first. */
    private static boolean isSetOn(Map<String, List<Setting>> commandLine, ConfigFile config, String name) {
        List<Setting> onCommandLine = commandLine.getOrDefault(name, List.of());
        Setting setting = !onCommandLine.isEmpty() ? onCommandLine.get(onCommandLine.size() - 1)
                : config.get("", name).stream().findFirst().orElse(null);
        return setting != null && !setting.negated() && !setting.value().equals("0");
    }

    private void warnNetworkOnlyAtTop(ConfigFile config, ChainType chain, List<String> warnings) {
        if (chain == ChainType.MAIN) {
            return;
        }
        for (OptionSpec option : table.options()) {
            if (option.has(OptionFlag.NETWORK_ONLY) && !config.get("", option.name()).isEmpty()
                    && config.get(chain.chainName(), option.name()).isEmpty()) {
                warnings.add("Config setting for -" + option.name() + " only applied on " + chain.chainName()
                        + " network when in [" + chain.chainName() + "] section.");
            }
        }
    }

    private static String last(Map<String, List<Setting>> commandLine, String name) {
        List<Setting> settings = commandLine.get(name);
        return settings == null || settings.isEmpty() ? null : settings.get(settings.size() - 1).value();
    }
}
