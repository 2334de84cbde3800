package org.btcmp.wallet.rpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.loader.WalletManager;

/** One RPC request's context: the request path and, through it, the wallet it addresses (Core's rules). */
final class Call {
    private static final String ENDPOINT = "/wallet/";

    private final String uri;
    private final WalletManager manager;
    private final Chain chain;

    Call(String uri, WalletManager manager, Chain chain) {
        this.uri = uri;
        this.manager = manager;
        this.chain = chain;
    }

    WalletManager manager() {
        return manager;
    }

    Chain chain() {
        return chain;
    }

    /** The wallet name the request path names ("/wallet/<name>", URL-decoded), if it names one. */
    Optional<String> endpointWallet() {
        return uri != null && uri.startsWith(ENDPOINT) ? Optional.of(urlDecode(uri.substring(ENDPOINT.length())))
                : Optional.empty();
    }

    /**
     * The wallet this request is for (Core's GetWalletForJSONRPCRequest): the one the path names, else
     * the only one loaded.
     */
    LoadedWallet wallet() {
        Optional<String> named = endpointWallet();
        if (named.isPresent()) {
            return manager.get(named.get()).orElseThrow(() -> new RpcError(Rpc.WALLET_NOT_FOUND,
                    "Requested wallet does not exist or is not loaded"));
        }
        List<LoadedWallet> loaded = manager.loadedWallets();
        if (loaded.size() == 1) {
            return loaded.get(0);
        }
        if (loaded.isEmpty()) {
            throw new RpcError(Rpc.WALLET_NOT_FOUND, "No wallet is loaded. Load a wallet using loadwallet or create a"
                    + " new one with createwallet. (Note: A default wallet is no longer automatically created)");
        }
        throw new RpcError(Rpc.WALLET_NOT_SPECIFIED,
                "Wallet file not specified (must request wallet RPC through /wallet/<filename> uri-path).");
    }

    /** %XX escapes decoded as UTF-8 bytes; everything else (including '+') kept, as Core's urlDecode. */
    static String urlDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
