package org.btcmp.launcher.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.args.ChainType;
import org.btcmp.common.json.Json;

/**
 * bitcoin-cli: sends one JSON-RPC request built from the command line and prints the reply as
 * bitcoin-cli does (a string bare, other results as indented JSON, nothing for null; an error as
 * {@code error code: N} and {@code error message:} on stderr with exit code |N|; anything else as
 * {@code error: ...} with exit code 1).
 */
public final class RpcClient {
    private static final int RPC_IN_WARMUP = -28;
    private static final int RPC_WALLET_NOT_SPECIFIED = -19;
    /** Core's RPC ports per chain (chainparamsbase.cpp). */
    private static final Map<ChainType, Integer> RPC_PORTS = Map.of(ChainType.MAIN, 8332, ChainType.TESTNET, 18332,
            ChainType.TESTNET4, 48332, ChainType.SIGNET, 38332, ChainType.REGTEST, 18443);

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    public RpcClient(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs bitcoin-cli with {@code argv}; {@code namedByDefault} is {@code bitcoin rpc}'s -named.
     *
     * @return the exit code
     */
    public int run(List<String> argv, boolean namedByDefault) {
        // A POST that failed half-way must not be sent again behind our back (stop, generate...).
        System.setProperty("sun.net.http.retryPost", "false");
        Args args;
        try {
            args = new ArgsParser(CliOptions.TABLE, true, ArgsParser.defaultDataDir()).parse(argv.toArray(String[]::new));
        } catch (ArgsException e) {
            err.println(e.getMessage().startsWith("Error") ? e.getMessage() : "Error: " + e.getMessage());
            return 1;
        }
        if (args.getBool("help", false) || args.getBool("h", false) || args.getBool("?", false)) {
            out.print(usage());
            return 0;
        }
        if (args.getBool("version", false)) {
            out.println("btcmp RPC client version 0.1.0");
            return 0;
        }
        try {
            return call(args, args.getBool("named", namedByDefault));
        } catch (CliFailure | ConnectionFailed e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    static String usage() {
        return "btcmp RPC client version 0.1.0\n\n"
                + "Usage: bitcoin-cli [options] <command> [params]\n"
                + "or:    bitcoin-cli [options] -named <command> [name=value]...\n"
                + "or:    bitcoin-cli [options] help\n"
                + "or:    bitcoin-cli [options] help <command>\n\n"
                + "'bitcoin rpc' is bitcoin-cli with -named on (-nonamed turns it off).\n\n"
                + CliOptions.TABLE.helpText();
    }

    private int call(Args args, boolean named) throws CliFailure, ConnectionFailed {
        List<String> words = new ArrayList<>(args.commandArguments());
        BufferedReader input = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        Optional<String> password = args.get("rpcpassword");
        if (args.getBool("stdinrpcpass", false)) {
            password = Optional.of(readLine(input).orElseThrow(
                    () -> new CliFailure("-stdinrpcpass specified but failed to read from standard input")));
        }
        if (args.getBool("stdin", false)) {
            for (Optional<String> line = readLine(input); line.isPresent(); line = readLine(input)) {
                words.add(line.get());
            }
        }
        String ipc = args.isNegated("ipcconnect") ? "0" : args.get("ipcconnect", "auto");
        if (!ipc.equals("auto") && !ipc.equals("0")) {
            throw new CliFailure("-ipcconnect=" + ipc + " is not available yet: this client reaches the node over "
                    + "HTTP only (use -ipcconnect=auto or leave it out)");
        }
        Optional<String> login = password;
        Optional<String> wallet = args.isNegated("rpcwallet") ? Optional.empty() : args.get("rpcwallet");
        if (args.getBool("getinfo", false)) {
            if (!words.isEmpty()) {
                throw new CliFailure("-getinfo takes no arguments");
            }
            boolean color = color(args);
            return print(callWithWait(args, () -> endpoint(args, login), RpcEndpoint.path(wallet),
                    Json.write(GetInfo.request()), batch -> GetInfo.reply(batch, color)));
        }
        if (words.isEmpty()) {
            throw new CliFailure("too few parameters (need at least command)");
        }
        String method = words.get(0);
        List<String> params = words.subList(1, words.size());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", "2.0");
        request.put("method", method);
        try {
            ParamConversion conversion = ParamConversion.core();
            request.put("params", named ? conversion.named(method, params) : conversion.positional(method, params));
        } catch (Json.ParseException e) {
            throw new CliFailure(e.getMessage());
        }
        request.put("id", args.get("rpcid", "1"));
        Object reply = callWithWait(args, () -> endpoint(args, login), RpcEndpoint.path(wallet), Json.write(request),
                single -> single);
        return print(reply);
    }

    /** -color for -getinfo: always, never, or auto (when standard output is a terminal). */
    private static boolean color(Args args) throws CliFailure {
        return switch (args.get("color", "auto")) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> System.console() != null;
            default -> throw new CliFailure("Invalid value for -color option. Valid values: always, auto, never.");
        };
    }

    private static Optional<String> readLine(BufferedReader input) throws CliFailure {
        try {
            return Optional.ofNullable(input.readLine());
        } catch (IOException e) {
            throw new CliFailure("cannot read standard input: " + e.getMessage());
        }
    }

    /** Makes the endpoint for each attempt: a node that (re)started meanwhile has a new cookie, as in Core. */
    private interface EndpointSource {
        RpcEndpoint get() throws CliFailure;
    }

    /** Turns the server's reply into the one to show (-getinfo's batch into its summary) before -rpcwait looks at it. */
    private interface ReplyProcessor {
        Object apply(Object reply) throws CliFailure;
    }

    /** -rpcwait: retries a failed connection or a warming-up server every second until the timeout. */
    private static Object callWithWait(Args args, EndpointSource endpoints, String path, String body,
            ReplyProcessor process) throws CliFailure, ConnectionFailed {
        boolean wait = args.getBool("rpcwait", false);
        long timeout = intOption(args, "rpcwaittimeout", 0);
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        while (true) {
            try {
                Object reply = process.apply(endpoints.get().call(path, body));
                if (wait && errorCode(reply) == RPC_IN_WARMUP) {
                    throw new ConnectionFailed("server in warmup");
                }
                return reply;
            } catch (ConnectionFailed e) {
                if (!wait || timeout > 0 && System.nanoTime() >= deadline) {
                    throw new ConnectionFailed("timeout on transient error: " + e.getMessage());
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new CliFailure("interrupted");
                }
            }
        }
    }

    private static RpcEndpoint endpoint(Args args, Optional<String> password) throws CliFailure {
        int port = RPC_PORTS.get(args.chain());
        String host = args.get("rpcconnect", "127.0.0.1");
        String[] hostPort = splitHostPort(host);
        host = hostPort[0];
        if (hostPort[1] != null) {
            port = parsePort(hostPort[1], "-rpcconnect", args.get("rpcconnect", ""));
        }
        Optional<String> portArg = args.get("rpcport");
        if (portArg.isPresent()) {
            port = parsePort(portArg.get(), "-rpcport", portArg.get());
        }
        Path configFile = args.dataDir().resolve(args.get("conf").filter(s -> !s.isEmpty()).orElse("bitcoin.conf"));
        int timeout = (int) intOption(args, "rpcclienttimeout", CliOptions.DEFAULT_CLIENT_TIMEOUT);
        int effectiveTimeout = timeout <= 0 ? Integer.MAX_VALUE / 1000 : timeout;
        if (password.isPresent() && !password.get().isEmpty()) {
            return new RpcEndpoint(host, port, args.get("rpcuser", "") + ":" + password.get(),
                    RpcEndpoint.CredentialSource.PASSWORD, configFile.toString(), effectiveTimeout);
        }
        Path cookie = args.chainDataDir().resolve(args.get("rpccookiefile").filter(s -> !s.isEmpty()).orElse(".cookie"));
        try {
            String pair = Files.readString(cookie, StandardCharsets.UTF_8).strip();
            return new RpcEndpoint(host, port, pair, RpcEndpoint.CredentialSource.COOKIE, configFile.toString(), effectiveTimeout);
        } catch (IOException e) {
            return new RpcEndpoint(host, port, ":", RpcEndpoint.CredentialSource.NO_COOKIE, configFile.toString(), effectiveTimeout);
        }
    }

    private static long intOption(Args args, String name, long otherwise) throws CliFailure {
        try {
            return args.getInt(name, otherwise);
        } catch (ArgsException e) {
            throw new CliFailure(e.getMessage());
        }
    }

    private static int parsePort(String text, String option, String raw) throws CliFailure {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliFailure("Invalid port provided in " + option + ": " + raw);
    }

    private static String[] splitHostPort(String text) {
        if (text.startsWith("[") && text.contains("]")) {
            int close = text.indexOf(']');
            String rest = text.substring(close + 1);
            return new String[] {text.substring(1, close), rest.startsWith(":") ? rest.substring(1) : null};
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && text.indexOf(':', colon + 1) < 0) {
            return new String[] {text.substring(0, colon), text.substring(colon + 1)};
        }
        return new String[] {text, null};
    }

    private static int errorCode(Object reply) {
        if (reply instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> error
                && error.get("code") instanceof Json.NumberText code) {
            try {
                return Integer.parseInt(code.text());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private int print(Object reply) throws CliFailure {
        if (!(reply instanceof Map<?, ?> m)) {
            throw new CliFailure("expected reply to have result, error and id properties");
        }
        Object error = m.get("error");
        if (error == null || error == Json.NULL) {
            Object result = m.get("result");
            if (result instanceof String s) {
                out.println(s);
            } else if (result != null && result != Json.NULL) {
                out.println(Json.pretty(result));
            }
            return 0;
        }
        StringBuilder text = new StringBuilder();
        if (error instanceof Map<?, ?> e) {
            Object code = e.get("code");
            Object message = e.get("message");
            if (code != null && code != Json.NULL) {
                text.append("error code: ").append(code instanceof Json.NumberText n ? n.text() : code).append('\n');
            }
            if (message instanceof String s) {
                text.append("error message:\n").append(s);
            }
            if (errorCode(reply) == RPC_WALLET_NOT_SPECIFIED) {
                text.append(" Or for the CLI, specify the \"-rpcwallet=<walletname>\" option before the command (run "
                        + "\"bitcoin-cli -h\" for help or \"bitcoin-cli listwallets\" to see which wallets are currently loaded).");
            }
        } else {
            text.append("error: ").append(Json.write(error));
        }
        err.println(text);
        int code = errorCode(reply);
        return code == 0 ? 1 : Math.abs(code);
    }
}
