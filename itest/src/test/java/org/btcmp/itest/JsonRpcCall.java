package org.btcmp.itest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * JSON-RPC 2.0 calls from the test's own JVM (cookie auth), for checks that must land within a moment of
 * an event (e.g. between a wallet process's death and its restart), where starting {@code bitcoin rpc}
 * would take too long.
 */
final class JsonRpcCall {
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(NO_HANG).build();
    private final Path cookie;
    private final int port;

    JsonRpcCall(Path dataDir, int port) {
        this.cookie = dataDir.resolve("regtest/.cookie");
        this.port = port;
    }

    /** The reply body (without its final newline) of {@code method} with {@code paramsJson} (a JSON array) on {@code path} ("/" or "/wallet/w"). */
    String call(String path, String method, String paramsJson) throws Exception {
        String auth = Base64.getEncoder().encodeToString(Files.readString(cookie).strip().getBytes(StandardCharsets.UTF_8));
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(NO_HANG)
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body().strip();
    }
}
