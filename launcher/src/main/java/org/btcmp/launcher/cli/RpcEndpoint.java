package org.btcmp.launcher.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.btcmp.common.json.Json;

/**
 * One node's JSON-RPC server as bitcoin-cli reaches it: host, port, credentials, and the wallet
 * path ({@code /wallet/<name>}) when -rpcwallet is given. Turns HTTP outcomes into bitcoin-cli's
 * messages.
 */
final class RpcEndpoint {
    /** Where the credentials came from, for the message on HTTP 401. */
    enum CredentialSource { PASSWORD, COOKIE, NO_COOKIE }

    private final String host;
    private final int port;
    private final String credentials;
    private final CredentialSource source;
    private final String configFile;
    private final int timeoutSeconds;

    RpcEndpoint(String host, int port, String credentials, CredentialSource source, String configFile, int timeoutSeconds) {
        this.host = host;
        this.port = port;
        this.credentials = credentials;
        this.source = source;
        this.configFile = configFile;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The request path for {@code wallet} (URI-encoded as libevent does), or "/". */
    static String path(Optional<String> wallet) {
        return wallet.map(w -> "/wallet/" + URLEncoder.encode(w, StandardCharsets.UTF_8).replace("+", "%20")).orElse("/");
    }

    /** Posts {@code body} and returns the parsed reply. */
    Object call(String path, String body) throws ConnectionFailed, CliFailure {
        HttpURLConnection http;
        int status;
        byte[] reply;
        try {
            String hostPart = host.contains(":") ? "[" + host + "]" : host;
            http = (HttpURLConnection) URI.create("http://" + hostPart + ":" + port + path).toURL().openConnection();
            http.setRequestMethod("POST");
            http.setConnectTimeout(timeoutSeconds * 1000);
            http.setReadTimeout(timeoutSeconds * 1000);
            http.setDoOutput(true);
            http.setRequestProperty("Connection", "close");
            http.setRequestProperty("Content-Type", "application/json");
            http.setRequestProperty("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            try (OutputStream out = http.getOutputStream()) {
                out.write((body + "\n").getBytes(StandardCharsets.UTF_8));
            }
            status = http.getResponseCode();
            try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
                reply = in == null ? new byte[0] : readAll(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ConnectionFailed("Could not connect to the server " + host + ":" + port + "\n\n"
                    + "Make sure the bitcoind server is running and that you are connecting to the correct RPC port.\n"
                    + "Use \"bitcoin-cli -help\" for more info.");
        }
        if (status == 401) {
            String why = switch (source) {
                case PASSWORD -> "Incorrect rpcuser or rpcpassword were specified.";
                case COOKIE -> "Cookie file credentials were invalid and no rpcpassword was specified.";
                case NO_COOKIE -> "Failed to read cookie file and no rpcpassword was specified.";
            };
            throw new CliFailure("Authorization failed: " + why + " Configuration file: (" + configFile + ")");
        }
        String text = new String(reply, StandardCharsets.UTF_8);
        if (status == 503) {
            throw new CliFailure("Server response: " + text);
        }
        if (status >= 400 && status != 400 && status != 404 && status != 500) {
            throw new CliFailure("server returned HTTP error " + status);
        }
        if (text.isEmpty()) {
            throw new CliFailure("no response from server");
        }
        try {
            return Json.parseKeepingNumberText(text);
        } catch (Json.ParseException e) {
            throw new CliFailure("couldn't parse reply from server");
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
