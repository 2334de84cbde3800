package org.btcmp.common.args;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One option an executable accepts.
 *
 * @param name      without the dash, e.g. {@code rpcport}
 * @param valueHint how -help shows its value, e.g. {@code <port>}; empty for a switch
 * @param help      one paragraph for -help
 */
public record OptionSpec(String name, String valueHint, String help, OptionCategory category, Set<OptionFlag> flags) {

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueHint, "valueHint");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(category, "category");
        if (!name.matches("[a-z0-9?][a-z0-9]*")) {
            throw new IllegalArgumentException("bad option name '" + name + "'");
        }
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** An option with a value. */
    public static OptionSpec value(String name, String valueHint, String help, OptionCategory category, OptionFlag... flags) {
        return new OptionSpec(name, valueHint, help, category, Set.of(flags));
    }

    /** A switch: {@code -name}, {@code -noname}, {@code -name=0}. */
    public static OptionSpec flag(String name, String help, OptionCategory category, OptionFlag... flags) {
        return new OptionSpec(name, "", help, category, Set.of(flags));
    }

    public boolean has(OptionFlag flag) {
        return flags.contains(flag);
    }
}
