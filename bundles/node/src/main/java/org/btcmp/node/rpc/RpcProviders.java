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
 * loaded is refused. A command whose process is gone disappears: at once when its connection ends (the
 * transport releases the handler), at the latest when a call to it fails; that call is routed again among
 * the providers left, so its caller gets Core's answer for a command or wallet that is not there.
 */
public final class RpcProviders {
    /** Core's RPC_WALLET_NOT_FOUND, RPC_WALLET_NOT_SPECIFIED, RPC_WALLET_ALREADY_LOADED. */
    private static final int WALLET_NOT_FOUND = -18;
    private static final int WALLET_NOT_SPECIFIED = -19;
    private static final int WALLET_ALREADY_LOADED = -35;
    /** Commands that name their wallet in their first parameter or need none. */
    private static final List<String> NO_WALLET_CONTEXT = List.of("createwallet", "loadwallet", "listwallets", "listwalletdir",
            "unloadwallet");

    private final RpcTable table;
    private final Map<String, Entry> entries = new LinkedHashMap<>(); // guarded by this

    /** The providers of one name and the table entry that routes to them. */
    private record Entry(RpcMethod method, List<RpcCommand> providers) {
    }

    /** A provider's process is gone; the provider was removed, and the request is routed again. */
    private static final class ProviderGone extends Exception {
        ProviderGone() {
            super(null, null, false, false);
        }
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

    /** Routes a request; each provider found gone is removed and the request routed again, so this ends. */
    private Object route(String name, Params params) throws RpcException {
        while (true) {
            try {
                return routeOnce(name, params);
            } catch (ProviderGone gone) {
                // removed: try again among those left
            }
        }
    }

    private Object routeOnce(String name, Params params) throws RpcException, ProviderGone {
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
            throws RpcException, ProviderGone {
        RpcException notFound = null;
        ProviderGone gone = null;
        for (RpcCommand p : providers) {
            try {
                return call(name, p, args, uri);
            } catch (ProviderGone e) {
                gone = e;
            } catch (RpcException e) {
                if (e.code() != WALLET_NOT_FOUND) {
                    throw e;
                }
                notFound = notFound == null ? e : notFound;
            }
        }
        if (notFound != null) {
            throw notFound;
        }
        throw gone;
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
        } catch (ProviderGone e) {
            return null;
        }
    }

    private Object call(String name, RpcCommand provider, String args, String uri) throws RpcException, ProviderGone {
        try {
            return Json.parse(provider.call(args, uri));
        } catch (RpcCommand.RpcError e) {
            throw new RpcException(e.code(), e.getMessage());
        } catch (Json.ParseException e) {
            throw new RpcException(RpcException.INTERNAL_ERROR, "command returned invalid JSON");
        } catch (IpcException e) {
            // The process that added the command is gone: so is its command (a restarted one adds it again).
            remove(name, provider);
            throw new ProviderGone();
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
