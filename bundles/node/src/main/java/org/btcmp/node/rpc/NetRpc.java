package org.btcmp.node.rpc;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.btcmp.common.json.Json;
import org.btcmp.node.chain.Mempool;
import org.btcmp.node.net.AddrMan;
import org.btcmp.node.net.BanList;
import org.btcmp.node.net.ConnectionType;
import org.btcmp.node.net.P2pNode;
import org.btcmp.node.net.Peer;
import org.btcmp.node.net.PeerVersion;
import org.btcmp.node.net.Subnet;

/** Core's network commands (rpc/net.cpp) over the node's {@link P2pNode}, with Core's argument names and errors. */
public final class NetRpc {
    /** Core's -bantime default (DEFAULT_MISBEHAVING_BANTIME): 24 hours. */
    private static final String[] SERVICE_NAMES = {"NETWORK", null, "BLOOM", "WITNESS", null, null,
        "COMPACT_FILTERS", null, null, null, "NETWORK_LIMITED", "P2P_V2"};

    private final P2pNode p2p;
    private final LongSupplier clock;
    private final RpcTable table;

    private NetRpc(P2pNode p2p, LongSupplier clock, RpcTable table) {
        this.p2p = p2p;
        this.clock = clock;
        this.table = table;
    }

    /** @param clock seconds since the epoch, mock time included */
    public static void register(RpcTable t, P2pNode p2p, LongSupplier clock) {
        NetRpc r = new NetRpc(p2p, clock, t);
        t.register(new RpcMethod("getconnectioncount", "network", List.of(), 0,
                "Returns the number of connections to other nodes.", p -> (long) p2p.peers().size()));
        t.register(new RpcMethod("ping", "network", List.of(), 0, "Requests that a ping be sent to all other nodes,"
                + " to measure ping time.", p -> {
                    p2p.peers().forEach(Peer::requestPing);
                    return null;
                }));
        t.register(new RpcMethod("getpeerinfo", "network", List.of(), 0,
                "Returns data about each connected network peer as a json array of objects.", p -> r.peerInfo()));
        t.register(new RpcMethod("addnode", "network", List.of("node", "command", "v2transport"), 2,
                "Attempts to add or remove a node from the addnode list.", r::addNode));
        t.register(new RpcMethod("disconnectnode", "network", List.of("address", "nodeid"), 0,
                "Immediately disconnects from the specified peer node.", r::disconnectNode));
        t.register(new RpcMethod("getaddednodeinfo", "network", List.of("node"), 0,
                "Returns information about the given added node, or all added nodes", r::addedNodeInfo));
        t.register(new RpcMethod("getnettotals", "network", List.of(), 0,
                "Returns information about network traffic, including bytes in, bytes out,"
                        + " and current system time.", p -> r.netTotals()));
        t.register(new RpcMethod("getnetworkinfo", "network", List.of(), 0,
                "Returns an object containing various state info regarding P2P networking.", p -> r.networkInfo()));
        t.register(new RpcMethod("setban", "network", List.of("subnet", "command", "bantime", "absolute"), 2,
                "Attempts to add or remove an IP/Subnet from the banned list.", r::setBan));
        t.register(new RpcMethod("listbanned", "network", List.of(), 0, "List all manually banned IPs/Subnets.",
                p -> r.listBanned()));
        t.register(new RpcMethod("clearbanned", "network", List.of(), 0, "Clear all banned IPs.", p -> {
            try {
                p2p.bans().clear();
            } catch (IOException e) {
                throw new RpcException(RpcException.DATABASE_ERROR, "Error: writing the ban list failed: "
                        + e.getMessage());
            }
            return null;
        }));
        t.register(new RpcMethod("setnetworkactive", "network", List.of("state"), 1,
                "Disable/enable all p2p network activity.", p -> {
                    if (!(p.raw(0) instanceof Boolean)) {
                        throw new RpcException(RpcException.TYPE_ERROR, "JSON value of type "
                                + Json.typeName(p.raw(0)) + " is not of expected type bool");
                    }
                    p2p.setNetworkActive(p.bool(0, true));
                    return p2p.networkActive();
                }));
        t.register(new RpcMethod("getnodeaddresses", "network", List.of("count", "network"), 0,
                "Return known addresses, after filtering for quality and recency.", r::nodeAddresses));
        t.register(new RpcMethod("addpeeraddress", "hidden", List.of("address", "port", "tried"), 2,
                "Add the address of a potential peer to an address manager table. This RPC is for testing only.",
                r::addPeerAddress));
    }

    private RpcException help(String name) {
        RpcMethod m = table.get(name);
        return new RpcException(RpcException.MISC_ERROR, m.usage() + "\n\n" + m.help());
    }

    private Object peerInfo() {
        List<Object> out = new ArrayList<>();
        for (Peer peer : p2p.peers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            PeerVersion v = peer.version();
            m.put("id", peer.id());
            m.put("addr", p2p.addressName(peer));
            InetSocketAddress bind = peer.localAddress();
            if (bind != null) {
                m.put("addrbind", P2pNode.hostPort(bind));
            }
            m.put("network", peer.remoteAddress().getAddress().getAddress().length == 4 ? "ipv4" : "ipv6");
            long mappedAs = p2p.mappedAs(peer);
            if (mappedAs != 0) {
                m.put("mapped_as", mappedAs);
            }
            long services = v == null ? 0 : v.services();
            m.put("services", String.format("%016x", services));
            m.put("servicesnames", serviceNames(services));
            m.put("relaytxes", v != null && v.relay());
            m.put("lastsend", peer.lastSendMillis() / 1000);
            m.put("lastrecv", peer.lastReceiveMillis() / 1000);
            m.put("last_transaction", 0L);
            m.put("last_block", 0L);
            m.put("bytessent", peer.bytesSent());
            m.put("bytesrecv", peer.bytesReceived());
            m.put("conntime", peer.connectedAtMillis() / 1000);
            m.put("timeoffset", 0L);
            putSeconds(m, "pingtime", peer.lastPingTime());
            putSeconds(m, "minping", peer.minPingTime());
            putSeconds(m, "pingwait", peer.pingWait());
            m.put("version", v == null ? 0L : (long) v.version());
            m.put("subver", v == null ? "" : v.userAgent());
            m.put("inbound", peer.type() == ConnectionType.INBOUND);
            m.put("bip152_hb_to", false);
            m.put("bip152_hb_from", peer.features().compactHighBandwidth());
            m.put("startingheight", v == null ? -1L : (long) v.startHeight());
            m.put("presynced_headers", (long) p2p.blockSync().presyncHeight(peer));
            m.put("synced_headers", -1L);
            m.put("synced_blocks", -1L);
            m.put("inflight", List.of());
            long[] addr = p2p.addrStats(peer).orElse(new long[3]);
            m.put("addr_relay_enabled", addr[0] != 0);
            m.put("addr_processed", addr[1]);
            m.put("addr_rate_limited", addr[2]);
            // Core's NetPermissions::ToStrings order, which is the enum's.
            m.put("permissions", peer.permissions().stream().sorted()
                    .map(x -> x.name().toLowerCase(java.util.Locale.ROOT)).toList());
            m.put("minfeefilter", RpcJson.amount(peer.features().feeFilter()));
            m.put("bytessent_per_msg", new LinkedHashMap<String, Object>(peer.bytesSentPerMessage()));
            m.put("bytesrecv_per_msg", new LinkedHashMap<String, Object>(peer.bytesReceivedPerMessage()));
            m.put("connection_type", connectionType(peer.type()));
            m.put("transport_protocol_type", peer.transportProtocol());
            m.put("session_id", peer.sessionId());
            out.add(m);
        }
        return out;
    }

    private static void putSeconds(Map<String, Object> m, String key, Duration d) {
        if (d != null) {
            m.put(key, BigDecimal.valueOf(d.toNanos()).movePointLeft(9).setScale(6, RoundingMode.HALF_UP));
        }
    }

    private static String connectionType(ConnectionType t) {
        return t.rpcName();
    }

    private static List<Object> serviceNames(long services) {
        List<Object> names = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((services & (1L << bit)) != 0) {
                names.add(bit < SERVICE_NAMES.length && SERVICE_NAMES[bit] != null ? SERVICE_NAMES[bit]
                        : "UNKNOWN[2^" + bit + "]");
            }
        }
        return names;
    }

    private Object addNode(Params p) throws RpcException {
        String node = p.str(0);
        String command = p.str(1);
        // Core defaults to -v2transport; a peer that ends the v2 attempt as a v1 node does is retried in v1.
        boolean v2 = p.bool(2, p2p.settings().v2Transport());
        if (v2 && !p2p.settings().v2Transport()) {
            throw new RpcException(RpcException.INVALID_PARAMETER,
                    "Error: v2transport requested but not enabled (see -v2transport)");
        }
        switch (command) {
            case "onetry" -> {
                try {
                    p2p.connectOnce(node, v2);
                } catch (IOException | IllegalArgumentException e) {
                    // Core's OpenNetworkConnection reports nothing to the caller either.
                }
            }
            case "add" -> {
                if (!p2p.addNode(node, v2)) {
                    throw new RpcException(RpcException.CLIENT_NODE_ALREADY_ADDED, "Error: Node already added");
                }
            }
            case "remove" -> {
                if (!p2p.removeNode(node)) {
                    throw new RpcException(RpcException.CLIENT_NODE_NOT_ADDED,
                            "Error: Node could not be removed. It has not been added previously.");
                }
            }
            default -> throw help("addnode");
        }
        return null;
    }

    private Object disconnectNode(Params p) throws RpcException {
        boolean success;
        if (p.has(0) && !p.has(1)) {
            success = p2p.disconnect(p.str(0));
        } else if (p.has(1) && (!p.has(0) || p.str(0).isEmpty())) {
            success = p2p.disconnect(p.integer(1));
        } else {
            throw new RpcException(RpcException.INVALID_PARAMS, "Only one of address and nodeid should be provided.");
        }
        if (!success) {
            throw new RpcException(RpcException.CLIENT_NODE_NOT_CONNECTED, "Node not found in connected nodes");
        }
        return null;
    }

    private Object addedNodeInfo(Params p) throws RpcException {
        List<String> nodes = p2p.addedNodes();
        if (p.has(0)) {
            String wanted = p.str(0);
            if (!nodes.contains(wanted)) {
                throw new RpcException(RpcException.CLIENT_NODE_NOT_ADDED, "Error: Node has not been added.");
            }
            nodes = List.of(wanted);
        }
        List<Object> out = new ArrayList<>();
        for (String n : nodes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("addednode", n);
            Optional<Peer> peer = p2p.manualPeer(n).filter(Peer::handshakeComplete);
            m.put("connected", peer.isPresent());
            List<Object> addresses = new ArrayList<>();
            peer.ifPresent(x -> addresses.add(new LinkedHashMap<>(Map.of("address",
                    P2pNode.hostPort(x.remoteAddress()), "connected", "outbound"))));
            m.put("addresses", addresses);
            out.add(m);
        }
        return out;
    }

    private Object netTotals() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalbytesrecv", p2p.totalBytesReceived());
        m.put("totalbytessent", p2p.totalBytesSent());
        m.put("timemillis", System.currentTimeMillis());
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("timeframe", 86400L);
        target.put("target", 0L);
        target.put("target_reached", false);
        target.put("serve_historical_blocks", true);
        target.put("bytes_left_in_cycle", 0L);
        target.put("time_left_in_cycle", 0L);
        m.put("uploadtarget", target);
        return m;
    }

    private Object networkInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Peer> peers = p2p.peers();
        long in = peers.stream().filter(x -> x.type() == ConnectionType.INBOUND).count();
        long services = p2p.local().services();
        m.put("version", 310000L);
        m.put("subversion", p2p.local().userAgent());
        m.put("protocolversion", (long) p2p.protocolVersion());
        m.put("localservices", String.format("%016x", services));
        m.put("localservicesnames", serviceNames(services));
        m.put("localrelay", p2p.local().relay());
        m.put("timeoffset", 0L);
        m.put("networkactive", p2p.networkActive());
        m.put("connections", (long) peers.size());
        m.put("connections_in", in);
        m.put("connections_out", peers.size() - in);
        List<Object> networks = new ArrayList<>();
        for (String n : List.of("ipv4", "ipv6", "onion", "i2p", "cjdns")) {
            Map<String, Object> net = new LinkedHashMap<>();
            boolean ip = n.startsWith("ipv");
            net.put("name", n);
            net.put("limited", !ip);
            net.put("reachable", ip);
            net.put("proxy", "");
            net.put("proxy_randomize_credentials", false);
            networks.add(net);
        }
        m.put("networks", networks);
        m.put("relayfee", RpcJson.amount(Mempool.MIN_RELAY_FEE_PER_KVB));
        m.put("incrementalfee", RpcJson.amount(Mempool.MIN_RELAY_FEE_PER_KVB));
        List<Object> local = new ArrayList<>();
        m.put("localaddresses", local);
        m.put("warnings", List.of());
        return m;
    }

    private Object setBan(Params p) throws RpcException {
        String command = p.str(1);
        if (!command.equals("add") && !command.equals("remove")) {
            throw help("setban");
        }
        Subnet subnet;
        try {
            subnet = Subnet.parse(p.str(0));
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcException.CLIENT_INVALID_IP_OR_SUBNET, "Error: Invalid IP/Subnet");
        }
        try {
            if (command.equals("add")) {
                long now = clock.getAsLong();
                long banTime = p.integer(2, 0);
                boolean absolute = p.bool(3, false);
                if (absolute && banTime < now) {
                    throw new RpcException(RpcException.INVALID_PARAMETER, "Error: Absolute timestamp is in the past");
                }
                long until = absolute ? banTime : now + (banTime > 0 ? banTime : p2p.settings().banTimeSeconds());
                if (!p2p.ban(subnet, until)) {
                    throw new RpcException(RpcException.CLIENT_NODE_ALREADY_ADDED, "Error: IP/Subnet already banned");
                }
            } else if (!p2p.bans().remove(subnet)) {
                throw new RpcException(RpcException.CLIENT_INVALID_IP_OR_SUBNET,
                        "Error: Unban failed. Requested address/subnet was not previously manually banned.");
            }
        } catch (IOException e) {
            throw new RpcException(RpcException.DATABASE_ERROR, "Error: writing the ban list failed: "
                    + e.getMessage());
        }
        return null;
    }

    private Object listBanned() {
        long now = clock.getAsLong();
        List<Object> out = new ArrayList<>();
        for (BanList.Ban b : p2p.bans().list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", b.subnet().toString());
            m.put("ban_created", b.created());
            m.put("banned_until", b.until());
            m.put("ban_duration", b.until() - b.created());
            m.put("time_remaining", Math.max(0, b.until() - now));
            out.add(m);
        }
        return out;
    }

    private Object nodeAddresses(Params p) throws RpcException {
        long count = p.integer(0, 1);
        if (count < 0) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "Address count out of range");
        }
        String network = p.has(1) ? p.str(1) : null;
        if (network != null && !network.equals("ipv4") && !network.equals("ipv6") && !network.equals("onion")
                && !network.equals("i2p") && !network.equals("cjdns")) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "Network not recognized: " + network);
        }
        List<Object> out = new ArrayList<>();
        for (AddrMan.Entry e : p2p.addrMan().sample(count == 0 ? Integer.MAX_VALUE : (int) count, 0,
                clock.getAsLong())) {
            String net = e.address().getAddress().getAddress().length == 4 ? "ipv4" : "ipv6";
            if (network != null && !network.equals(net)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", e.lastSeen());
            m.put("services", e.services());
            m.put("address", e.address().getAddress().getHostAddress());
            m.put("port", (long) e.address().getPort());
            m.put("network", net);
            out.add(m);
        }
        return out;
    }

    private Object addPeerAddress(Params p) throws RpcException {
        String address = p.str(0);
        long port = p.integer(1);
        if (port < 0 || port > 65535) {
            throw new RpcException(RpcException.INVALID_PARAMETER, "port must be between 0 and 65535");
        }
        boolean success;
        try {
            Subnet ip = Subnet.parse(address);
            InetSocketAddress a = new InetSocketAddress(ip.network(), (int) port);
            long now = clock.getAsLong();
            success = p2p.addrMan().add(a, p2p.local().services(), now);
            if (success && p.bool(2, false)) {
                // Core: "tried" moves the new address to the tried table as if a connection had worked.
                p2p.addrMan().good(a, p2p.local().services(), now);
            }
        } catch (IllegalArgumentException e) {
            success = false;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", success);
        return m;
    }
}
