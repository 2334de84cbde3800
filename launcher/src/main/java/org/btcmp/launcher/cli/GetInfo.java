package org.btcmp.launcher.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.btcmp.common.json.Json;

/**
 * bitcoin-cli -getinfo: one batch of getnetworkinfo, getblockchaininfo, getwalletinfo and
 * getbalances (the wallet ones may fail: no wallet), shown as Core's human-readable summary.
 */
final class GetInfo {
    private static final String[] METHODS = {"getnetworkinfo", "getblockchaininfo", "getwalletinfo", "getbalances"};

    private GetInfo() {
    }

    /** The batch request: ids 0..3 in {@link #METHODS} order. */
    static List<Object> request() {
        List<Object> batch = new ArrayList<>();
        for (int id = 0; id < METHODS.length; id++) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("jsonrpc", "2.0");
            call.put("method", METHODS[id]);
            call.put("params", Json.NULL);
            call.put("id", new Json.NumberText(Integer.toString(id)));
            batch.add(call);
        }
        return batch;
    }

    /**
     * The reply to show: an error of the network or chain call as it came, else a reply whose result
     * is the summary text.
     */
    static Map<String, Object> reply(Object batchReply, boolean color) throws CliFailure {
        if (!(batchReply instanceof List<?> replies)) {
            throw new CliFailure("Batch must be an array");
        }
        Map<String, Map<?, ?>> byId = new LinkedHashMap<>();
        for (Object r : replies) {
            if (r instanceof Map<?, ?> m && m.get("id") instanceof Json.NumberText id) {
                byId.put(id.text(), m);
            }
        }
        for (int id = 0; id < METHODS.length; id++) {
            if (!byId.containsKey(Integer.toString(id))) {
                throw new CliFailure("Batch member id is larger than batch size");
            }
        }
        for (String fatal : List.of("0", "1")) {
            Object error = byId.get(fatal).get("error");
            if (error != null && error != Json.NULL) {
                @SuppressWarnings("unchecked")
                Map<String, Object> failed = (Map<String, Object>) byId.get(fatal);
                return failed;
            }
        }
        Map<?, ?> network = map(byId.get("0").get("result"));
        Map<?, ?> chain = map(byId.get("1").get("result"));
        Map<?, ?> wallet = map(byId.get("2").get("result"));
        Map<?, ?> balances = map(byId.get("3").get("result"));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("result", text(network, chain, wallet, balances, color));
        reply.put("error", Json.NULL);
        return reply;
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    /** A value as UniValue's getValStr shows it: strings and numbers bare, other kinds empty. */
    private static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Json.NumberText n) {
            return n.text();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        return "";
    }

    private static String text(Map<?, ?> network, Map<?, ?> chain, Map<?, ?> wallet, Map<?, ?> balances, boolean color) {
        String reset = color ? "\u001B[0m" : "";
        String green = color ? "\u001B[32m" : "";
        String blue = color ? "\u001B[34m" : "";
        String yellow = color ? "\u001B[33m" : "";
        String magenta = color ? "\u001B[35m" : "";
        String cyan = color ? "\u001B[36m" : "";
        StringBuilder out = new StringBuilder();
        out.append(blue).append("Chain: ").append(str(chain.get("chain"))).append(reset).append('\n');
        out.append("Blocks: ").append(str(chain.get("blocks"))).append('\n');
        out.append("Headers: ").append(str(chain.get("headers"))).append('\n');
        double progress = chain.get("verificationprogress") instanceof Json.NumberText n ? Double.parseDouble(n.text()) : 0;
        out.append("Verification progress: ").append(progressBar(progress))
                .append(String.format(Locale.ROOT, "%.4f%%", progress * 100)).append('\n');
        out.append("Difficulty: ").append(str(chain.get("difficulty"))).append("\n\n");
        out.append(green).append("Network: in ").append(str(network.get("connections_in"))).append(", out ")
                .append(str(network.get("connections_out"))).append(", total ").append(str(network.get("connections")))
                .append(reset).append('\n');
        out.append("Version: ").append(str(network.get("version"))).append('\n');
        out.append("Time offset (s): ").append(str(network.get("timeoffset"))).append('\n');
        out.append("Proxies: ").append(proxies(network.get("networks"))).append('\n');
        out.append("Min tx relay fee rate (BTC/kvB): ").append(str(network.get("relayfee"))).append("\n\n");
        if (!wallet.isEmpty()) {
            String name = str(wallet.get("walletname"));
            out.append(magenta).append("Wallet: ").append(name.isEmpty() ? "\"\"" : name).append(reset).append('\n');
            out.append("Keypool size: ").append(str(wallet.get("keypoolsize"))).append('\n');
            if (wallet.get("unlocked_until") != null && wallet.get("unlocked_until") != Json.NULL) {
                out.append("Unlocked until: ").append(str(wallet.get("unlocked_until"))).append('\n');
            }
        }
        if (map(balances.get("mine")).get("trusted") != null) {
            out.append(cyan).append("Balance:").append(reset).append(' ').append(str(map(balances.get("mine")).get("trusted")))
                    .append("\n\n");
        }
        out.append(yellow).append("Warnings:").append(reset).append(' ').append(warnings(network.get("warnings")));
        return out.toString();
    }

    /** Core shows a bar of 5 % steps while the chain is less than 99 % verified. */
    private static String progressBar(double progress) {
        if (progress >= 0.99 || progress < 0 || progress > 1) {
            return "";
        }
        StringBuilder bar = new StringBuilder();
        for (int i = 0; i < progress / 0.05; i++) {
            bar.append('\u2592');
        }
        for (int i = 0; i < (1 - progress) / 0.05; i++) {
            bar.append('\u2591');
        }
        return bar.append(' ').toString();
    }

    private static String proxies(Object networks) {
        Map<String, List<String>> byProxy = new LinkedHashMap<>();
        if (networks instanceof List<?> list) {
            for (Object n : list) {
                String proxy = str(map(n).get("proxy"));
                if (!proxy.isEmpty()) {
                    byProxy.computeIfAbsent(proxy, p -> new ArrayList<>()).add(str(map(n).get("name")));
                }
            }
        }
        if (byProxy.isEmpty()) {
            return "n/a";
        }
        List<String> shown = new ArrayList<>();
        byProxy.forEach((proxy, names) -> shown.add(proxy + " (" + String.join(", ", names) + ")"));
        return String.join(", ", shown);
    }

    private static String warnings(Object warnings) {
        List<String> lines = new ArrayList<>();
        if (warnings instanceof List<?> list) {
            list.forEach(w -> lines.add(str(w)));
        } else if (!str(warnings).isEmpty()) {
            lines.add(str(warnings));
        }
        return lines.isEmpty() ? "(none)" : String.join("\n", lines);
    }
}
