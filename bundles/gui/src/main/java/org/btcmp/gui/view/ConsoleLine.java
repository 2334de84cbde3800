package org.btcmp.gui.view;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.common.json.Json;

/**
 * A console line split as bitcoin-cli takes its arguments: words (double quotes group), each word a
 * JSON value if it parses as one (numbers, true, arrays, objects), else a string; a leading
 * {@code -rpcwallet=<name>} picks the wallet, otherwise the selected one.
 */
record ConsoleLine(String method, String paramsJson, String uri) {

    static ConsoleLine parse(String line, String selectedWallet, boolean haveWallet) {
        List<String> words = words(line);
        String uri = haveWallet ? WalletModel.walletUri(selectedWallet) : "/";
        if (!words.isEmpty() && words.get(0).startsWith("-rpcwallet=")) {
            uri = WalletModel.walletUri(words.remove(0).substring("-rpcwallet=".length()));
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("No command given");
        }
        List<Object> params = new ArrayList<>();
        for (String w : words.subList(1, words.size())) {
            Object v;
            try {
                v = Json.parse(w);
            } catch (Json.ParseException notJson) {
                v = w;
            }
            params.add(v);
        }
        return new ConsoleLine(words.get(0), Json.write(params), uri);
    }

    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Unterminated quote in: " + line);
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }
}
