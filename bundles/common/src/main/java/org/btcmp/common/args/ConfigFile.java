package org.btcmp.common.args;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a {@code bitcoin.conf}, by section ({@code ""} for the top, else a chain name),
 * read with Core's rules: {@code #} starts a comment, {@code [chain]} opens a section,
 * {@code section.name=value} also names one, {@code noname=1} negates.
 */
final class ConfigFile {
    /** Section -> option name -> occurrences in file order. */
    private final Map<String, Map<String, List<Setting>>> sections = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /**
     * Reads {@code text} (the file {@code origin}, for messages), checking names against {@code table}:
     * an unknown name is a warning, as in Core, not an error.
     */
    static ConfigFile parse(String text, String origin, OptionTable table) throws ArgsException {
        ConfigFile config = new ConfigFile();
        config.read(text, origin, table);
        return config;
    }

    /** Adds the settings of another file (an {@code includeconf}) after this one's. */
    void read(String text, String origin, OptionTable table) throws ArgsException {
        String section = "";
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            if (content.startsWith("[") && content.endsWith("]")) {
                section = content.substring(1, content.length() - 1).strip();
                if (ChainType.byName(section).isEmpty()) {
                    warnings.add("Section [" + section + "] is not recognized.");
                }
                continue;
            }
            if (content.startsWith("-")) {
                throw new ArgsException(error(origin, lineNumber, content
                        + ", options in configuration file must be specified without leading hyphen"));
            }
            int eq = content.indexOf('=');
            if (eq < 0) {
                String hint = content.startsWith("no") ? ", if you intended to specify a negated option, use " + content + "=1 instead" : "";
                throw new ArgsException(error(origin, lineNumber, content + hint));
            }
            String key = content.substring(0, eq).strip();
            String value = content.substring(eq + 1).strip();
            if (hash >= 0 && key.endsWith("rpcpassword")) {
                throw new ArgsException("Error reading configuration file " + origin + ": parse error on line "
                        + lineNumber + ", using # in rpcpassword can be ambiguous and should be avoided");
            }
            String keySection = section;
            int dot = key.indexOf('.');
            if (dot >= 0) {
                keySection = key.substring(0, dot);
                key = key.substring(dot + 1);
            }
            add(keySection, key, value, origin, lineNumber, table);
        }
    }

    private void add(String section, String key, String value, String origin, int line, OptionTable table) throws ArgsException {
        boolean negated = false;
        String name = key;
        if (table.find(name).isEmpty() && name.startsWith("no") && table.find(name.substring(2)).isPresent()) {
            name = name.substring(2);
            negated = true;
        }
        if (table.find(name).isEmpty()) {
            warnings.add("Ignoring unknown configuration value " + key + " (" + origin + " line " + line + ")");
            return;
        }
        Setting setting;
        if (negated) {
            if (value.isEmpty() || value.equals("1")) {
                setting = Setting.NEGATION;
            } else if (value.equals("0")) {
                setting = new Setting("1", false);
            } else {
                throw new ArgsException("Negating of -" + name + " is meaningless and therefore forbidden");
            }
        } else {
            setting = new Setting(value, false);
        }
        sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).computeIfAbsent(name, n -> new ArrayList<>()).add(setting);
    }

    private static String error(String origin, int line, String detail) {
        return "Error reading configuration file " + origin + ": parse error on line " + line + ": " + detail;
    }

    /** The occurrences of {@code name} in {@code section}, in file order; empty if none. */
    List<Setting> get(String section, String name) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(name, List.of());
    }

    List<String> warnings() {
        return warnings;
    }
}
