package org.btcmp.common.args;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The options one executable accepts, and its {@code -help} text. */
public final class OptionTable {
    private static final int WIDTH = 79;
    private static final int INDENT = 7;

    private final Map<String, OptionSpec> byName;

    private OptionTable(Map<String, OptionSpec> byName) {
        this.byName = byName;
    }

    /**
     * A table of {@code options}.
     *
     * @throws IllegalArgumentException if a name appears twice
     */
    public static OptionTable of(Collection<OptionSpec> options) {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        for (OptionSpec option : options) {
            if (byName.putIfAbsent(option.name(), option) != null) {
                throw new IllegalArgumentException("option -" + option.name() + " is declared twice");
            }
        }
        return new OptionTable(byName);
    }

    /** This table plus {@code more}. */
    public OptionTable with(Collection<OptionSpec> more) {
        List<OptionSpec> all = new ArrayList<>(byName.values());
        all.addAll(more);
        return of(all);
    }

    public Optional<OptionSpec> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<OptionSpec> options() {
        return byName.values();
    }

    /**
     * The options as Core's {@code -help} lays them out: by category, sorted by name, each option on
     * its own line and its help wrapped and indented below it.
     */
    public String helpText() {
        StringBuilder out = new StringBuilder();
        for (OptionCategory category : OptionCategory.values()) {
            List<OptionSpec> inCategory = byName.values().stream()
                    .filter(o -> o.category() == category)
                    .sorted(Comparator.comparing(OptionSpec::name))
                    .toList();
            if (inCategory.isEmpty()) {
                continue;
            }
            out.append(category.heading()).append(":\n\n");
            for (OptionSpec option : inCategory) {
                out.append("  -").append(option.name());
                if (!option.valueHint().isEmpty()) {
                    out.append('=').append(option.valueHint());
                }
                out.append('\n');
                String help = option.has(OptionFlag.NO_EFFECT)
                        ? option.help() + " (Accepted for compatibility with Bitcoin Core; has no effect here.)"
                        : option.help();
                wrap(help, out);
                out.append("\n\n");
            }
        }
        return out.toString();
    }

    private static void wrap(String text, StringBuilder out) {
        int column = 0;
        out.append(" ".repeat(INDENT));
        column = INDENT;
        for (String word : text.split(" +")) {
            if (column > INDENT && column + 1 + word.length() > WIDTH) {
                out.append('\n').append(" ".repeat(INDENT));
                column = INDENT;
            } else if (column > INDENT) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
    }
}
