package org.btcmp.node.rpc;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 server for JSON-RPC, behaving as Core's httpserver: POST only, Basic auth
 * (401 after a short delay), a body size limit (413), keep-alive, and an idle timeout.
 */
public final class HttpRpcServer implements AutoCloseable {
    /** Core's MAX_SIZE for an HTTP request body. */
    public static final int MAX_BODY = 0x02000000;
    private static final int MAX_HEADER_LINE = 8192;
    private static final int MAX_HEADERS = 100;
    private static final int MAX_CONNECTIONS = 128;

    private final ServerSocket server;
    private final RpcAuth auth;
    private final JsonRpcDispatcher dispatcher;
    private final int idleTimeoutMillis;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    public HttpRpcServer(InetAddress bind, int port, RpcAuth auth, JsonRpcDispatcher dispatcher, int idleTimeoutSeconds)
            throws IOException {
        this.auth = auth;
        this.dispatcher = dispatcher;
        this.idleTimeoutMillis = idleTimeoutSeconds * 1000;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bind, port), 128);
        workers = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "rpc-http");
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "rpc-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            open.add(s);
            try {
                workers.execute(() -> serve(s));
            } catch (RejectedExecutionException e) {
                try (s) {
                    respond(s.getOutputStream(), 503, "Service Unavailable", "text/plain",
                            "Work queue depth exceeded".getBytes(StandardCharsets.US_ASCII), false);
                } catch (IOException ignored) {
                    // the client is gone already
                }
                open.remove(s);
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(idleTimeoutMillis);
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (!closed) {
                if (!handleOne(in, out)) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            // idle keep-alive connection: close it, as Core's -rpcservertimeout does
        } catch (IOException e) {
            // client went away mid-request
        } finally {
            open.remove(s);
        }
    }

    /** Serves one request; false when the connection must close. */
    private boolean handleOne(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return false;
        }
        if (requestLine.isEmpty()) {
            return true;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            respond(out, 400, "Bad Request", "text/plain", new byte[0], false);
            return false;
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; ; i++) {
            String line = readLine(in);
            if (line == null) {
                return false;
            }
            if (line.isEmpty()) {
                break;
            }
            if (i >= MAX_HEADERS) {
                respond(out, 400, "Bad Request", "text/plain", new byte[0], false);
                return false;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        String connection = headers.getOrDefault("Connection", "").toLowerCase(Locale.ROOT);
        boolean keepAlive = parts[2].equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
        long length = -1;
        if (headers.containsKey("Content-Length")) {
            try {
                length = Long.parseLong(headers.get("Content-Length"));
            } catch (NumberFormatException e) {
                respond(out, 400, "Bad Request", "text/plain", new byte[0], false);
                return false;
            }
        }
        if (length > MAX_BODY || length < -1) {
            respond(out, 413, "Request Entity Too Large", "text/plain", new byte[0], false);
            return false;
        }
        byte[] body = length > 0 ? in.readNBytes((int) length) : new byte[0];
        if (body.length < Math.max(length, 0)) {
            return false;
        }
        if (!auth.check(headers.get("Authorization"))) {
            sleepQuietly(250);
            respond(out, 401, "Unauthorized", null, new byte[0], keepAlive,
                    "WWW-Authenticate: Basic realm=\"jsonrpc\"\r\n");
            return keepAlive;
        }
        if (!parts[0].equals("POST")) {
            respond(out, 405, "Method Not Allowed", "text/plain",
                    "JSONRPC server handles only POST requests".getBytes(StandardCharsets.US_ASCII), keepAlive);
            return keepAlive;
        }
        String uri = parts[1];
        if (!uri.equals("/") && !uri.startsWith("/wallet/") && !uri.equals("/wallet")) {
            respond(out, 404, "Not Found", "text/plain", new byte[0], keepAlive);
            return keepAlive;
        }
        JsonRpcDispatcher.Reply reply = dispatcher.handle(new String(body, StandardCharsets.UTF_8), uri);
        if (reply.body() == null) {
            respond(out, 204, "No Content", null, new byte[0], keepAlive);
        } else {
            byte[] b = (reply.body() + "\n").getBytes(StandardCharsets.UTF_8);
            respond(out, reply.status(), reason(reply.status()), "application/json", b, keepAlive);
        }
        return keepAlive;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            default -> "Internal Server Error";
        };
    }

    private static void respond(OutputStream out, int status, String reason, String type, byte[] body,
            boolean keepAlive, String... extra) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        if (type != null) {
            h.append("Content-Type: ").append(type).append("\r\n");
        }
        h.append("Content-Length: ").append(body.length).append("\r\n");
        h.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n");
        for (String e : extra) {
            h.append(e);
        }
        h.append("\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream(h.length() + body.length);
        all.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        all.write(body);
        out.write(all.toByteArray());
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (b.size() >= MAX_HEADER_LINE) {
                throw new IOException("header line too long");
            }
            b.write(c);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
