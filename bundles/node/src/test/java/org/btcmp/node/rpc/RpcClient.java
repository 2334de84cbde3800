package org.btcmp.node.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.btcmp.common.json.Json;

/** A bare HTTP client for RPC tests: sends a body, returns status and body as the server gave them. */
final class RpcClient {
    record Response(int status, String body) {
        Object json() throws Json.ParseException {
            return Json.parse(body);
        }
    }

    private final int port;
    private final String auth;

    RpcClient(int port, String userPass) {
        this.port = port;
        this.auth = userPass == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    static RpcClient withCookie(int port, Path cookie) throws IOException {
        return new RpcClient(port, Files.readString(cookie).trim());
    }

    Response post(String path, String body) throws IOException {
        return send("POST", path, body.getBytes(StandardCharsets.UTF_8));
    }

    Response post(String body) throws IOException {
        return post("/", body);
    }

    Response send(String method, String path, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        if (auth != null) {
            c.setRequestProperty("Authorization", auth);
        }
        c.setRequestProperty("Content-Type", "application/json");
        if (body != null && method.equals("POST")) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream o = c.getOutputStream()) {
                o.write(body);
            } catch (IOException e) {
                // the server may refuse before reading everything (413): its status still tells
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Response(status, text);
    }

    /** A legacy call returning the result, or throwing with the error's code and message. */
    Object call(String method, String params) throws IOException, Json.ParseException {
        Response r = post("{\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":1}");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> m = (java.util.Map<String, Object>) r.json();
        if (m.get("error") != Json.NULL) {
            throw new IllegalStateException(Json.write(m.get("error")));
        }
        return m.get("result");
    }
}
