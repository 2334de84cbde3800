package org.btcmp.node.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.RpcCommand;
import org.btcmp.ipc.IpcException;

/**
 * The RPC commands other components add through {@code Chain.handleRpc}, several per name when several
 * wallet processes serve the node. One table entry per name routes each request, the way Core's
 * multiwallet RPC behaves over many processes: a {@code /wallet/<name>} request goes to the process that
 * has that wallet (each process answers "not found" for wallets it lacks); without a path the only loaded
 * wallet of all processes is meant; listwallets lists them all; loading a wallet another process has
 * loaded is refused. A command whose process is gone disappears.
 */
public final class RpcProviders {
    /** Core's RPC_WALLET_NOT_FOUND, RPC_WALLET_NOT_SPECIFIED, RPC_WALLET_ALREADY_LOADED. */
    private static final int WALLET_NOT_FOUND = -18;
    private static final int WALLET_NOT_SPECIFIED = -19;
    private static final int WALLET_ALREADY_LOADED = -35;
    /** Commands that name their wallet in their first parameter or need none. */
    private static final List<String> NO_WALLET_CONTEXT = List.of("createwallet", "loadwallet", "listwallets", "listwalletdir",
            "unloadwallet");

    /** How the error for a command whose process is gone starts. */
    private static final String GONE = "Method not found (the process serving ";

    private final RpcTable table;
    private final Map<String, Entry> entries = new LinkedHashMap<>(); // guarded by this

    /** The providers of one name and the table entry that routes to them. */
    private record Entry(RpcMethod method, List<RpcCommand> providers) {
    }

    RpcProviders(RpcTable table) {
        this.table = table;
    }

    /** Adds {@code command} beside those of the same name; the handler removes it again. */
    public Handler add(RpcCommand command) {
        String name = command.name();
        synchronized (this) {
            Entry entry = entries.get(name);
            if (entry == null) {
                RpcMethod method = new RpcMethod(name, command.category(), command.argNames(), 0, name,
                        params -> route(name, params));
                entry = new Entry(method, new ArrayList<>());
                entries.put(name, entry);
                table.register(method);
            }
            entry.providers().add(command);
        }
        return () -> remove(name, command);
    }

    private synchronized void remove(String name, RpcCommand command) {
        Entry entry = entries.get(name);
        if (entry != null && entry.providers().remove(command) && entry.providers().isEmpty()) {
            entries.remove(name);
            table.unregister(entry.method());
        }
    }

    private synchronized List<RpcCommand> providers(String name) {
        Entry entry = entries.get(name);
        return entry == null ? List.of() : new ArrayList<>(entry.providers());
    }

    private Object route(String name, Params params) throws RpcException {
        List<RpcCommand> providers = providers(name);
        if (providers.isEmpty()) {
            throw new RpcException(RpcException.METHOD_NOT_FOUND, "Method not found");
        }
        String args = arguments(params);
        if (providers.size() == 1) {
            return call(name, providers.get(0), args, params.uri());
        }
        switch (name) {
            case "listwallets" -> {
                List<Object> all = new ArrayList<>();
                for (RpcCommand p : providers) {
                    all.addAll(asList(callIfThere(name, p, args, params.uri())));
                }
                return all;
            }
            case "loadwallet", "createwallet" -> {
                Object wallet = params.size() > 0 ? params.raw(0) : null;
                if (wallet instanceof String walletName && loadedEverywhere().contains(walletName)) {
                    throw new RpcException(WALLET_ALREADY_LOADED, "Wallet \"" + walletName + "\" is already loaded.");
                }
                return call(name, providers.get(0), args, params.uri());
            }
            default -> {
                boolean named = params.uri() != null && params.uri().startsWith("/wallet/");
                if (!named && !NO_WALLET_CONTEXT.contains(name) && loadedEverywhere().size() > 1) {
                    throw new RpcException(WALLET_NOT_SPECIFIED,
                            "Wallet file not specified (must request wallet RPC through /wallet/<filename> uri-path).");
                }
                return firstThatHasTheWallet(name, providers, args, params.uri());
            }
        }
    }

    /** Asks each process in turn; one that lacks the wallet says "not found" and the next is asked. */
    private Object firstThatHasTheWallet(String name, List<RpcCommand> providers, String args, String uri)
            throws RpcException {
        RpcException notFound = null;
        RpcException gone = null;
        for (RpcCommand p : providers) {
            try {
                return call(name, p, args, uri);
            } catch (RpcException e) {
                if (isGone(e)) {
                    gone = e;
                    continue;
                }
                if (e.code() != WALLET_NOT_FOUND) {
                    throw e;
                }
                notFound = notFound == null ? e : notFound;
            }
        }
        throw notFound != null ? notFound : gone;
    }

    /** The wallets loaded in every process. */
    private List<String> loadedEverywhere() throws RpcException {
        List<String> names = new ArrayList<>();
        for (RpcCommand p : providers("listwallets")) {
            asList(callIfThere("listwallets", p, "[]", "/")).forEach(n -> names.add(String.valueOf(n)));
        }
        return names;
    }

    /** As {@link #call}, with nothing (null) from a process that is gone. */
    private Object callIfThere(String name, RpcCommand provider, String args, String uri) throws RpcException {
        try {
            return call(name, provider, args, uri);
        } catch (RpcException e) {
            if (isGone(e)) {
                return null;
            }
            throw e;
        }
    }

    private static boolean isGone(RpcException e) {
        return e.code() == RpcException.METHOD_NOT_FOUND && e.getMessage().startsWith(GONE);
    }

    private Object call(String name, RpcCommand provider, String args, String uri) throws RpcException {
        try {
            return Json.parse(provider.call(args, uri));
        } catch (RpcCommand.RpcError e) {
            throw new RpcException(e.code(), e.getMessage());
        } catch (Json.ParseException e) {
            throw new RpcException(RpcException.INTERNAL_ERROR, "command returned invalid JSON");
        } catch (IpcException e) {
            // The process that added the command is gone: so is its command (a restarted one adds it again).
            remove(name, provider);
            throw new RpcException(RpcException.METHOD_NOT_FOUND, GONE + name + " is gone: " + e.getMessage() + ")");
        }
    }

    private static String arguments(Params params) {
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Object v = params.raw(i);
            args.add(v == null ? Json.NULL : v);
        }
        return Json.write(args);
    }

    private static List<?> asList(Object json) {
        return json instanceof List<?> l ? l : List.of();
    }
}
