package org.btcmp.common.args;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The options an executable was started with, from its command line and bitcoin.conf, resolved with
 * Core's precedence: the command line (its last occurrence) over the chain's section of the file
 * over the top of the file (their first occurrence). An option marked
 * {@link OptionFlag#NETWORK_ONLY} at the top of the file counts for mainnet only.
 */
public final class Args {
    private final OptionTable table;
    private final Map<String, List<Setting>> commandLine;
    private final ConfigFile config;
    private final ChainType chain;
    private final Path dataDir;
    private final List<String> commandArguments;
    private final List<String> warnings;

    Args(OptionTable table, Map<String, List<Setting>> commandLine, ConfigFile config, ChainType chain,
            Path dataDir, List<String> commandArguments, List<String> warnings) {
        this.table = table;
        this.commandLine = commandLine;
        this.config = config;
        this.chain = chain;
        this.dataDir = dataDir;
        this.commandArguments = List.copyOf(commandArguments);
        this.warnings = List.copyOf(warnings);
    }

    /** The chain selected by -regtest, -testnet, -testnet4, -signet or -chain (mainnet if none). */
    public ChainType chain() {
        return chain;
    }

    /** The base data directory (-datadir, else ~/.bitcoin). */
    public Path dataDir() {
        return dataDir;
    }

    /** The chain's own directory: {@code <datadir>/<chain>}, the base itself for mainnet. */
    public Path chainDataDir() {
        return chain.dataSubdirectory().isEmpty() ? dataDir : dataDir.resolve(chain.dataSubdirectory());
    }

    /** What followed the options on the command line (a command and its arguments), if allowed. */
    public List<String> commandArguments() {
        return commandArguments;
    }

    /**
     * The options given on the command line, written back as {@code -name=value} and {@code -noname} in
     * the order they were first given, of those whose names {@code names} accepts: what a process passes on to a child it starts with the same settings.
     */
    public List<String> commandLine(Predicate<String> names) {
        List<String> line = new ArrayList<>();
        commandLine.forEach((name, settings) -> {
            if (names.test(name)) {
                settings.forEach(s -> line.add(s.negated() ? "-no" + name : "-" + name + "=" + s.value()));
            }
        });
        return line;
    }

    /** Things worth a line in debug.log: unknown configuration keys, settings that do not apply. */
    public List<String> warnings() {
        return warnings;
    }

    /** The option's effective value ({@code "0"} when negated), or empty when it is not set. */
    public Optional<String> get(String name) {
        Optional<Setting> setting = effective(name);
        return setting.map(Setting::value);
    }

    public String get(String name, String defaultValue) {
        return get(name).orElse(defaultValue);
    }

    /** Whether the option is set and not negated ({@code -name=0} and {@code -noname} are false). */
    public boolean getBool(String name, boolean defaultValue) {
        Optional<Setting> setting = effective(name);
        if (setting.isEmpty()) {
            return defaultValue;
        }
        if (setting.get().negated()) {
            return false;
        }
        String value = setting.get().value();
        return value.isEmpty() || !value.equals("0") && !value.equalsIgnoreCase("false");
    }

    /**
     * The option as an integer.
     *
     * @throws ArgsException naming the option and the value when it is not one
     */
    public long getInt(String name, long defaultValue) throws ArgsException {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.get().strip());
        } catch (NumberFormatException e) {
            throw new ArgsException("Invalid value for -" + name + ": '" + value.get() + "' is not an integer");
        }
    }

    /** Whether this executable's option table has the option (code shared by executables asks before reading it). */
    public boolean declares(String name) {
        return table.find(name).isPresent();
    }

    /** Whether the option's effective setting is a negation ({@code -noname}). */
    public boolean isNegated(String name) {
        return effective(name).map(Setting::negated).orElse(false);
    }

    /**
     * Every value of a list option, sources in precedence order; a negation ({@code -noname}) drops
     * what came before it in its source and everything of lower precedence.
     */
    public List<String> getAll(String name) {
        requireDeclared(name);
        List<String> values = new ArrayList<>();
        for (List<Setting> source : sources(name)) {
            int start = 0;
            boolean negatedHere = false;
            for (int i = 0; i < source.size(); i++) {
                if (source.get(i).negated()) {
                    start = i + 1;
                    negatedHere = true;
                }
            }
            source.subList(start, source.size()).forEach(s -> values.add(s.value()));
            if (negatedHere) {
                break;
            }
        }
        return values;
    }

    private Optional<Setting> effective(String name) {
        requireDeclared(name);
        List<Setting> fromCommandLine = commandLine.getOrDefault(name, List.of());
        if (!fromCommandLine.isEmpty()) {
            return Optional.of(fromCommandLine.get(fromCommandLine.size() - 1));
        }
        List<List<Setting>> sources = sources(name);
        return sources.subList(1, sources.size()).stream().filter(s -> !s.isEmpty()).map(s -> s.get(0)).findFirst();
    }

    /** Command line, then the chain's section, then the top of the file where it applies. */
    private List<List<Setting>> sources(String name) {
        List<List<Setting>> sources = new ArrayList<>();
        sources.add(commandLine.getOrDefault(name, List.of()));
        sources.add(config.get(chain.chainName(), name));
        if (chain == ChainType.MAIN || !table.find(name).orElseThrow().has(OptionFlag.NETWORK_ONLY)) {
            sources.add(config.get("", name));
        }
        return sources;
    }

    private void requireDeclared(String name) {
        if (table.find(name).isEmpty()) {
            throw new IllegalArgumentException("option -" + name + " is not declared in this executable's option table");
        }
    }
}
