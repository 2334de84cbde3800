package org.btcmp.wallet.rpc;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.RpcCommand;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.interfaces.WalletException;
import org.btcmp.wallet.core.WalletError;
import org.btcmp.wallet.loader.WalletManager;
import org.btcmp.wallet.store.WalletFileException;

/**
 * Core's wallet RPCs, added to the node's server through {@link Chain#handleRpc} (so they work the same
 * whether the node is in this process or another), served for the wallet named by "/wallet/<name>" or
 * for the only loaded one. Removed from the server again on {@link #close}.
 */
public final class WalletRpc implements AutoCloseable {
    private final WalletManager manager;
    private final Chain chain;
    private final List<Handler> registrations = new ArrayList<>();

    public WalletRpc(WalletManager manager, Chain chain) {
        this.manager = manager;
        this.chain = chain;
    }

    /** Every wallet command, in Core's help order within each family. */
    static List<Command> commands() {
        List<Command> all = new ArrayList<>();
        all.addAll(WalletManagementRpc.commands());
        all.addAll(AddressRpc.commands());
        all.addAll(CoinsRpc.commands());
        all.addAll(HistoryRpc.commands());
        all.addAll(SendRpc.commands());
        all.addAll(RawTxRpc.commands());
        all.addAll(FundRawRpc.commands());
        all.addAll(PsbtRpc.commands());
        return all;
    }

    /** Adds every command to the node's server. */
    public synchronized WalletRpc register() {
        for (Command c : commands()) {
            registrations.add(chain.handleRpc(adapter(c)));
        }
        return this;
    }

    private RpcCommand adapter(Command command) {
        return new RpcCommand() {
            @Override
            public String name() {
                return command.name();
            }

            @Override
            public String category() {
                return "wallet";
            }

            @Override
            public List<String> argNames() {
                return command.args();
            }

            @Override
            public String call(String paramsJson, String uri) {
                return Json.write(run(command, paramsJson, uri));
            }
        };
    }

    /** Runs one command; every refusal leaves as Core's code and message. */
    Object run(Command command, String paramsJson, String uri) {
        Object parsed;
        try {
            parsed = Json.parse(paramsJson);
        } catch (Json.ParseException e) {
            throw new RpcError(Rpc.MISC_ERROR, "Parameters are not JSON: " + e.getMessage());
        }
        List<Object> params = parsed instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        int given = 0;
        while (given < params.size() && !Json.isNull(params.get(given))) {
            given++;
        }
        if (params.size() > command.args().size() || given < command.required()) {
            throw new RpcError(Rpc.MISC_ERROR, command.usage());
        }
        try {
            return command.body().run(new Args(params), new Call(uri, manager, chain));
        } catch (RpcError e) {
            throw e;
        } catch (WalletError e) {
            throw new RpcError(e.code(), e.getMessage());
        } catch (WalletException e) {
            throw new RpcError(e.code(), e.getMessage());
        } catch (WalletFileException e) {
            throw new RpcError(Rpc.WALLET_ERROR, e.getMessage());
        } catch (RuntimeException e) {
            throw new RpcError(Rpc.MISC_ERROR, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public synchronized void close() {
        registrations.forEach(Handler::disconnect);
        registrations.clear();
    }
}
