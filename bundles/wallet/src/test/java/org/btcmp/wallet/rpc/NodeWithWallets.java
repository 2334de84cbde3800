package org.btcmp.wallet.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.node.iface.NodeChain;
import org.btcmp.common.args.ChainType;
import org.btcmp.wallet.core.WalletOptions;
import org.btcmp.wallet.loader.WalletManager;

/**
 * An in-process regtest node whose RPC server carries the wallet's commands (added through Chain, as
 * any wallet process adds them), and an HTTP client that calls it with the node's cookie.
 */
final class NodeWithWallets implements AutoCloseable {
    /** A JSON-RPC error reply: Core's code and message. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        Failure(int code, String message) {
            super(code + ": " + message);
            this.code = code;
        }

        String text() {
            return getMessage().substring(getMessage().indexOf(": ") + 2);
        }
    }

    final BitcoinNode node;
    final NodeChain chain;
    final WalletManager manager;
    final WalletRpc rpc;
    final Path walletsDir;
    private final String auth;

    NodeWithWallets(Path dataDir, long fallbackFeeRate) throws IOException {
        node = BitcoinNode.start(NodeConfig.regtest(dataDir, -1));
        chain = new NodeChain(node);
        walletsDir = node.config().networkDir().resolve("wallets");
        manager = new WalletManager(chain, walletsDir, WalletOptions.of(ChainType.REGTEST).withKeypoolSize(20),
                fallbackFeeRate);
        rpc = new WalletRpc(manager, chain).register();
        String cookie = Files.readString(node.config().networkDir().resolve(".cookie")).trim();
        auth = "Basic " + Base64.getEncoder().encodeToString(cookie.getBytes(StandardCharsets.UTF_8));
    }

    /** Calls {@code method} at {@code path} with {@code params} (JSON array or object); the result, or a Failure. */
    Object call(String path, String method, String params) throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + node.rpcPort() + path).openConnection();
        c.setRequestMethod("POST");
        c.setConnectTimeout(10_000);
        c.setReadTimeout(120_000);
        c.setRequestProperty("Authorization", auth);
        c.setRequestProperty("Content-Type", "application/json");
        c.setDoOutput(true);
        try (OutputStream o = c.getOutputStream()) {
            o.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        String text;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<?, ?> reply;
        try {
            reply = (Map<?, ?>) Json.parse(text);
        } catch (Json.ParseException e) {
            throw new IOException("the reply is not JSON: " + e.getMessage(), e);
        }
        if (reply.containsKey("error") && !Json.isNull(reply.get("error"))) {
            Map<?, ?> e = (Map<?, ?>) reply.get("error");
            throw new Failure((int) (long) (Long) e.get("code"), (String) e.get("message"));
        }
        return reply.get("result");
    }

    Object call(String method, String params) throws IOException {
        return call("/", method, params);
    }

    @Override
    public void close() throws IOException {
        rpc.close();
        manager.close();
        node.close();
    }
}
