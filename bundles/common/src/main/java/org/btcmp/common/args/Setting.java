package org.btcmp.common.args;

/** One occurrence of an option: its value, or its negation ({@code -noname}). */
record Setting(String value, boolean negated) {

    static final Setting NEGATION = new Setting("0", true);
}
