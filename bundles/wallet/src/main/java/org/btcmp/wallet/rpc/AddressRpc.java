package org.btcmp.wallet.rpc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.script.Address;
import org.btcmp.wallet.core.ListedDescriptor;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.core.WalletError;
import org.btcmp.wallet.descriptor.Descriptor;
import org.btcmp.wallet.descriptor.DescriptorParser;
import org.btcmp.wallet.descriptor.KeyExpression;
import org.btcmp.wallet.store.AddressBookRecords;
import org.btcmp.wallet.store.DescriptorRecords;
import org.btcmp.wallet.store.ScriptRecords;

/** Core's address and descriptor RPCs: getnewaddress, getrawchangeaddress, getaddressinfo, listdescriptors, importdescriptors. */
final class AddressRpc {
    private static final Set<String> OUTPUT_TYPES = Set.of("legacy", "p2sh-segwit", "bech32", "bech32m");
    /** Core's -addresstype and -changetype default. */
    private static final String DEFAULT_TYPE = "bech32";

    private AddressRpc() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("getnewaddress", 0, AddressRpc::getNewAddress, "label", "address_type"),
                Command.of("getrawchangeaddress", 0, AddressRpc::getRawChangeAddress, "address_type"),
                Command.of("getaddressinfo", 1, AddressRpc::getAddressInfo, "address"),
                Command.of("listdescriptors", 0, AddressRpc::listDescriptors, "private"),
                Command.of("importdescriptors", 1, AddressRpc::importDescriptors, "requests"));
    }

    private static Object getNewAddress(Args a, Call c) {
        LoadedWallet w = c.wallet();
        String label = label(a.str(0, ""));
        return w.wallet().getNewAddress(outputType(a.str(1, DEFAULT_TYPE)), label);
    }

    private static Object getRawChangeAddress(Args a, Call c) {
        LoadedWallet w = c.wallet();
        return w.wallet().getRawChangeAddress(outputType(a.str(0, DEFAULT_TYPE)));
    }

    static String label(String label) {
        if (label.equals("*")) {
            throw new RpcError(Rpc.WALLET_INVALID_LABEL_NAME, "Invalid label name");
        }
        return label;
    }

    private static String outputType(String type) {
        if (!OUTPUT_TYPES.contains(type)) {
            throw new RpcError(Rpc.INVALID_ADDRESS_OR_KEY, "Unknown address type '" + type + "'");
        }
        return type;
    }

    /** The script of an address of the wallet's network, or Core's -5 "Invalid address". */
    static Optional<Script> script(LoadedWallet w, String address) {
        try {
            return Optional.of(Address.toScript(address, w.params()));
        } catch (IllegalArgumentException e) { // DecodeException included
            return Optional.empty();
        }
    }

    private static Object getAddressInfo(Args a, Call c) {
        LoadedWallet w = c.wallet();
        String address = a.str(0);
        Script script = script(w, address).orElseThrow(() -> new RpcError(Rpc.INVALID_ADDRESS_OR_KEY, "Invalid address"));
        Optional<ScriptRecords.Row> row = w.wallet().findScript(script);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("address", address);
        o.put("scriptPubKey", HexFormat.of().formatHex(script.bytes()));
        o.put("ismine", row.isPresent());
        o.put("solvable", row.isPresent());
        Optional<DescriptorRecords.Row> descriptor = row.flatMap(r -> w.wallet().descriptors().stream()
                .filter(d -> d.id().equals(r.descriptorId())).findFirst());
        if (row.isPresent() && descriptor.isPresent()) {
            Descriptor parsed = DescriptorParser.parse(descriptor.get().descriptor(),
                    w.wallet().options().network() == ChainType.MAIN, false);
            KeyExpression.Derived key = parsed.key().at(row.get().index());
            o.put("desc", parsed.singleKeyAt(row.get().index()));
            o.put("parent_desc", descriptor.get().descriptor());
            if (!script.isP2TR()) {
                o.put("pubkey", HexFormat.of().formatHex(key.encoded()));
            }
            key.origin().ifPresent(origin -> {
                o.put("hdkeypath", origin.path().toString());
                o.put("hdmasterfingerprint", String.format("%08x", origin.fingerprint()));
            });
        }
        o.put("iswatchonly", false);
        o.put("isscript", script.isP2SH() || script.isP2WSH());
        o.put("iswitness", script.isWitnessProgram());
        if (script.isWitnessProgram()) {
            o.put("witness_version", (long) script.witnessVersion());
            o.put("witness_program", HexFormat.of().formatHex(script.witnessProgram()));
        }
        o.put("ischange", descriptor.map(DescriptorRecords.Row::internal).orElse(false));
        descriptor.ifPresent(d -> o.put("timestamp", d.created()));
        List<Object> labels = new ArrayList<>();
        w.wallet().addressBookEntry(address).filter(e -> "receive".equals(e.purpose()) || !e.label().isEmpty())
                .map(AddressBookRecords.Entry::label).ifPresent(labels::add);
        o.put("labels", labels);
        return o;
    }

    private static Object listDescriptors(Args a, Call c) {
        LoadedWallet w = c.wallet();
        boolean priv = a.bool(0, false);
        if (priv && !w.wallet().hasPrivateKeys()) {
            throw new RpcError(Rpc.WALLET_ERROR, "Can't get private descriptor string for watch-only wallets");
        }
        if (priv && w.wallet().isEncrypted() && w.wallet().unlockedUntil().isEmpty()) {
            throw new RpcError(Rpc.WALLET_UNLOCK_NEEDED, "Error: Please enter the wallet passphrase with walletpassphrase first.");
        }
        List<Object> out = new ArrayList<>();
        for (ListedDescriptor d : w.wallet().listDescriptors(priv)) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("desc", d.desc());
            o.put("timestamp", d.timestamp());
            o.put("active", d.active());
            d.internal().ifPresent(i -> o.put("internal", i));
            d.range().ifPresent(r -> o.put("range", List.of((long) r[0], (long) r[1])));
            d.next().ifPresent(n -> {
                o.put("next", (long) n);
                o.put("next_index", (long) n);
            });
            out.add(o);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("wallet_name", w.name());
        result.put("descriptors", out);
        return result;
    }

    private static Object importDescriptors(Args a, Call c) {
        LoadedWallet w = c.wallet();
        List<Object> requests = a.array(0);
        List<Object> results = new ArrayList<>();
        long now = w.wallet().options().clock().instant().getEpochSecond();
        long rescanFrom = Long.MAX_VALUE;
        for (Object r : requests) {
            Map<String, Object> result = new LinkedHashMap<>();
            try {
                if (!(r instanceof Map<?, ?> req)) {
                    throw Args.typeError(r, "object");
                }
                long timestamp = timestamp(req.get("timestamp"), now);
                importOne(w, req);
                result.put("success", true);
                if (timestamp < now) {
                    rescanFrom = Math.min(rescanFrom, timestamp);
                }
            } catch (RpcError e) {
                result.put("success", false);
                result.put("error", error(e.code(), e.getMessage()));
            } catch (WalletError e) {
                result.put("success", false);
                result.put("error", error(e.code(), e.getMessage()));
            }
            results.add(result);
        }
        if (rescanFrom != Long.MAX_VALUE) {
            w.sync().rescanFromTime(rescanFrom);
        }
        return results;
    }

    private static void importOne(LoadedWallet w, Map<?, ?> req) {
        Object desc = req.get("desc");
        if (!(desc instanceof String text)) {
            throw new RpcError(Rpc.TYPE_ERROR, "Descriptor not found.");
        }
        boolean active = bool(req.get("active"), false);
        boolean internal = bool(req.get("internal"), false);
        Object labelValue = req.get("label");
        String label = Json.isNull(labelValue) ? "" : label(String.valueOf(labelValue));
        int rangeEnd = 0;
        Object range = req.get("range");
        if (range instanceof Long end) {
            rangeEnd = (int) (long) end;
        } else if (range instanceof List<?> pair && pair.size() == 2 && pair.get(1) instanceof Long end) {
            rangeEnd = (int) (long) end;
        } else if (!Json.isNull(range)) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Range must be specified as end or as [begin,end]");
        }
        if (active && internal && !label.isEmpty()) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Internal addresses should not have a label");
        }
        w.wallet().importDescriptor(text, active, internal, rangeEnd, label);
    }

    private static long timestamp(Object v, long now) {
        if (Json.isNull(v)) {
            throw new RpcError(Rpc.TYPE_ERROR, "Missing required timestamp field for key");
        }
        if ("now".equals(v)) {
            return now;
        }
        if (v instanceof Long t) {
            return t;
        }
        if (v instanceof BigDecimal d) {
            return d.longValue();
        }
        throw new RpcError(Rpc.TYPE_ERROR, "Expected number or \"now\" timestamp value for key. got type "
                + Json.typeName(v));
    }

    private static boolean bool(Object v, boolean dflt) {
        if (Json.isNull(v)) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw Args.typeError(v, "bool");
        }
        return b;
    }

    static Map<String, Object> error(int code, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", (long) code);
        e.put("message", message);
        return e;
    }
}
