package org.btcmp.node.net;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The P2P options of a node, read in one place ({@link #read}) from whatever option layer the executable has.
 *
 * @param listen accept inbound connections (-listen; default on unless -connect is given)
 * @param port the port to listen on (-port; 0 picks a free one, for tests)
 * @param binds addresses to listen on (-bind, {@code host[:port]}); empty means every interface
 * @param connect the only peers to connect to (-connect); when non-empty no other outbound connections are made
 * @param addNodes peers to keep connected besides the others (-addnode)
 * @param automaticOutbound pick outbound peers from the address manager (off with -connect, even -connect=0)
 * @param maxConnections -maxconnections: automatic connections, inbound and outbound together
 * @param networkActive -networkactive: start with P2P activity enabled
 * @param banTimeSeconds -bantime: how long setban bans without a time of their own
 * @param whitelist -whitelist: permissions for peers by address
 * @param v2Transport -v2transport: accept BIP324 connections and advertise NODE_P2P_V2; outbound v2 to addresses
 *     advertising it and when addnode asks
 * @param externalIps -externalip: our own addresses ({@code host[:port]}) to advertise to peers
 * @param minimumChainWork -minimumchainwork: below it the node stays in initial block download and downloads
 *     no blocks; null for the chain's default
 * @param asmap -asmap: the asmap file (relative to the network directory; empty for Core's ip_asn.map), or null
 */
public record P2pSettings(boolean listen, int port, List<String> binds, List<String> connect, List<String> addNodes,
        boolean automaticOutbound, int maxConnections, boolean networkActive, long banTimeSeconds,
        List<Whitelist> whitelist, boolean v2Transport, List<String> externalIps,
        java.math.BigInteger minimumChainWork, String asmap) {
    /** Core's DEFAULT_MAX_PEER_CONNECTIONS. */
    public static final int DEFAULT_MAX_CONNECTIONS = 125;
    /** Core's DEFAULT_MISBEHAVING_BANTIME: 24 hours. */
    public static final long DEFAULT_BAN_TIME_SECONDS = 24 * 60 * 60;

    public P2pSettings {
        binds = List.copyOf(binds);
        connect = List.copyOf(connect);
        addNodes = List.copyOf(addNodes);
        whitelist = List.copyOf(whitelist);
        externalIps = List.copyOf(externalIps);
        if (banTimeSeconds <= 0) {
            throw new IllegalArgumentException("-bantime must be positive, got " + banTimeSeconds);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid port specified in -port: '" + port + "'");
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException("-maxconnections must be at least 0, got " + maxConnections);
        }
    }

    /** Without -externalip. */
    public P2pSettings(boolean listen, int port, List<String> binds, List<String> connect, List<String> addNodes,
            boolean automaticOutbound, int maxConnections, boolean networkActive, long banTimeSeconds,
            List<Whitelist> whitelist, boolean v2Transport) {
        this(listen, port, binds, connect, addNodes, automaticOutbound, maxConnections, networkActive,
                banTimeSeconds, whitelist, v2Transport, List.of(), null, null);
    }

    /** Without -bantime, -whitelist or -v2transport: Core's ban time, nobody whitelisted, v1 only. */
    public P2pSettings(boolean listen, int port, List<String> binds, List<String> connect, List<String> addNodes,
            boolean automaticOutbound, int maxConnections, boolean networkActive) {
        this(listen, port, binds, connect, addNodes, automaticOutbound, maxConnections, networkActive,
                DEFAULT_BAN_TIME_SECONDS, List.of(), false);
    }

    /** Core's defaults: listening on the network's port, automatic outbound connections, network active. */
    public static P2pSettings defaults(P2pNetwork network) {
        return new P2pSettings(true, network.defaultPort(), List.of(), List.of(), List.of(), true,
                DEFAULT_MAX_CONNECTIONS, true, DEFAULT_BAN_TIME_SECONDS, List.of(), true);
    }

    /** No listening and no outbound connections unless asked for by RPC (embedded nodes and tests). */
    public static P2pSettings quiet(P2pNetwork network) {
        return new P2pSettings(false, network.defaultPort(), List.of(), List.of(), List.of(), false,
                DEFAULT_MAX_CONNECTIONS, true);
    }

    public P2pSettings withListen(boolean on, int listenPort) {
        return new P2pSettings(on, listenPort, binds, connect, addNodes, automaticOutbound, maxConnections,
                networkActive, banTimeSeconds, whitelist, v2Transport, externalIps, minimumChainWork, asmap);
    }

    public P2pSettings withConnect(List<String> peers) {
        return new P2pSettings(listen, port, binds, peers, addNodes, false, maxConnections, networkActive,
                banTimeSeconds, whitelist, v2Transport, externalIps, minimumChainWork, asmap);
    }

    public P2pSettings withAddNodes(List<String> peers) {
        return new P2pSettings(listen, port, binds, connect, peers, automaticOutbound, maxConnections,
                networkActive, banTimeSeconds, whitelist, v2Transport, externalIps, minimumChainWork, asmap);
    }

    public P2pSettings withBanTime(long seconds) {
        return new P2pSettings(listen, port, binds, connect, addNodes, automaticOutbound, maxConnections,
                networkActive, seconds, whitelist, v2Transport, externalIps, minimumChainWork, asmap);
    }

    public P2pSettings withWhitelist(List<Whitelist> entries) {
        return new P2pSettings(listen, port, binds, connect, addNodes, automaticOutbound, maxConnections,
                networkActive, banTimeSeconds, entries, v2Transport, externalIps, minimumChainWork, asmap);
    }

    public P2pSettings withExternalIps(List<String> addresses) {
        return new P2pSettings(listen, port, binds, connect, addNodes, automaticOutbound, maxConnections,
                networkActive, banTimeSeconds, whitelist, v2Transport, addresses, minimumChainWork, asmap);
    }

    public P2pSettings withMinimumChainWork(java.math.BigInteger work) {
        return new P2pSettings(listen, port, binds, connect, addNodes, automaticOutbound, maxConnections,
                networkActive, banTimeSeconds, whitelist, v2Transport, externalIps, work, asmap);
    }

    public P2pSettings withAsmap(String file) {
        return new P2pSettings(listen, port, binds, connect, addNodes, automaticOutbound, maxConnections,
                networkActive, banTimeSeconds, whitelist, v2Transport, externalIps, minimumChainWork, file);
    }

    public P2pSettings withV2Transport(boolean on) {
        return new P2pSettings(listen, port, binds, connect, addNodes, automaticOutbound, maxConnections,
                networkActive, banTimeSeconds, whitelist, on, externalIps, minimumChainWork, asmap);
    }

    /**
     * Reads -listen, -port, -bind, -connect, -addnode, -maxconnections, -networkactive, -bantime, -whitelist,
     * -v2transport (default on, as Core's), -externalip, -minimumchainwork and -asmap.
     *
     * @param values every value given for an option name (without the dash), in order; empty when not given.
     *     A negated option ({@code -nolisten}) arrives as "0", a bare flag ({@code -listen}) as "" or "1".
     * @throws IllegalArgumentException with Core's message for a value it refuses
     */
    public static P2pSettings read(P2pNetwork network, Function<String, List<String>> values) {
        List<String> connectValues = values.apply("connect");
        List<String> connect = new ArrayList<>();
        for (String v : connectValues) {
            if (!v.isEmpty() && !v.equals("0") && !v.equals("1")) {
                connect.add(v);
            }
        }
        boolean connectGiven = !connectValues.isEmpty() && !last(connectValues).equals("0") || !connect.isEmpty();
        boolean noConnect = !connectValues.isEmpty() && last(connectValues).equals("0");
        boolean listen = bool(values.apply("listen"), !connectGiven);
        int port = network.defaultPort();
        List<String> p = values.apply("port");
        if (!p.isEmpty()) {
            port = integer(last(p), "Invalid port specified in -port: '" + last(p) + "'");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Invalid port specified in -port: '" + last(p) + "'");
            }
        }
        int max = DEFAULT_MAX_CONNECTIONS;
        List<String> m = values.apply("maxconnections");
        if (!m.isEmpty()) {
            max = Math.max(0, integer(last(m), "Invalid -maxconnections: '" + last(m) + "'"));
        }
        List<String> addNodes = values.apply("addnode").stream().filter(v -> !v.isEmpty() && !v.equals("0"))
                .toList();
        long banTime = DEFAULT_BAN_TIME_SECONDS;
        List<String> b = values.apply("bantime");
        if (!b.isEmpty()) {
            // Core reads it with GetIntArg: a value that is not a number counts as 0, and 0 means the default.
            long v = leadingInteger(last(b));
            banTime = v > 0 ? v : DEFAULT_BAN_TIME_SECONDS;
        }
        List<Whitelist> whitelist = new ArrayList<>();
        for (String w : values.apply("whitelist")) {
            if (!w.isEmpty() && !w.equals("0")) {
                whitelist.add(Whitelist.parse(w));
            }
        }
        return new P2pSettings(listen, port, values.apply("bind"), connect, addNodes, !connectGiven && !noConnect,
                max, bool(values.apply("networkactive"), true), banTime, whitelist,
                bool(values.apply("v2transport"), true), values.apply("externalip").stream()
                        .filter(v -> !v.isEmpty() && !v.equals("0")).toList(),
                minimumChainWork(values.apply("minimumchainwork")), asmap(values.apply("asmap")));
    }

    /** Core's DEFAULT_ASMAP_FILENAME. */
    public static final String DEFAULT_ASMAP_FILE = "ip_asn.map";

    /** -asmap: null when not given or negated, the default file for a bare -asmap, else the path given. */
    private static String asmap(List<String> v) {
        if (v.isEmpty() || last(v).equals("0")) {
            return null;
        }
        String path = last(v).strip();
        return path.isEmpty() || path.equals("1") ? DEFAULT_ASMAP_FILE : path;
    }

    /** -minimumchainwork: hex, as Core's IsHexNumber (an optional 0x, at most 64 digits); null when not given. */
    private static java.math.BigInteger minimumChainWork(List<String> v) {
        if (v.isEmpty()) {
            return null;
        }
        String text = last(v).strip();
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.isEmpty() || digits.length() > 64 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("Invalid non-hex (" + text + ") minimum chain work value specified");
        }
        return new java.math.BigInteger(digits, 16);
    }

    /** Core's LocaleIndependentAtoi64: the leading integer, 0 when there is none. */
    private static long leadingInteger(String s) {
        String t = s.strip();
        int end = 0;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || (end == 0 && "+-".indexOf(t.charAt(0)) >= 0))) {
            end++;
        }
        try {
            return Long.parseLong(t.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String last(List<String> l) {
        return l.get(l.size() - 1);
    }

    /** Core's InterpretBool: a bare flag is true, otherwise the leading integer is non-zero. */
    private static boolean bool(List<String> v, boolean dflt) {
        if (v.isEmpty()) {
            return dflt;
        }
        String s = last(v).strip();
        if (s.isEmpty()) {
            return true;
        }
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || (end == 0 && s.charAt(0) == '-'))) {
            end++;
        }
        try {
            return Long.parseLong(s.substring(0, end)) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int integer(String s, String error) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(error, e);
        }
    }
}
