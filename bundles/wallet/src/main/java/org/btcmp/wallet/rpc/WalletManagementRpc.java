package org.btcmp.wallet.rpc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.RpcCommand.RpcError;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.wallet.core.Balances;
import org.btcmp.wallet.core.LoadedWallet;
import org.btcmp.wallet.core.WalletOptions;
import org.btcmp.wallet.core.WalletSender;
import org.btcmp.wallet.store.DescriptorRecords;

/**
 * Core's wallet management RPCs: createwallet, loadwallet, unloadwallet, listwallets, listwalletdir,
 * getwalletinfo, backupwallet, settxfee and the encryption calls.
 */
final class WalletManagementRpc {
    /** Core's FEATURE_LATEST, reported as walletversion. */
    private static final long WALLET_VERSION = 169900;

    /** Core's WALLET_FLAG_MAP names. */
    private static final java.util.Set<String> FLAG_NAMES = java.util.Set.of("avoid_reuse", "key_origin_metadata",
            "last_hardened_xpub_cached", "disable_private_keys", "descriptor_wallet", "blank", "external_signer");

    private WalletManagementRpc() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("createwallet", 1, WalletManagementRpc::createWallet, "wallet_name", "disable_private_keys",
                        "blank", "passphrase", "avoid_reuse", "descriptors", "load_on_startup", "external_signer"),
                Command.of("loadwallet", 1, WalletManagementRpc::loadWallet, "filename", "load_on_startup"),
                Command.of("unloadwallet", 0, WalletManagementRpc::unloadWallet, "wallet_name", "load_on_startup"),
                Command.of("listwallets", 0, (a, c) -> new ArrayList<Object>(c.manager().listWallets())),
                Command.of("listwalletdir", 0, WalletManagementRpc::listWalletDir),
                Command.of("getwalletinfo", 0, WalletManagementRpc::getWalletInfo),
                Command.of("backupwallet", 1, WalletManagementRpc::backupWallet, "destination"),
                Command.of("settxfee", 1, WalletManagementRpc::setTxFee, "amount"),
                Command.of("setwalletflag", 1, WalletManagementRpc::setWalletFlag, "flag", "value"),
                Command.of("encryptwallet", 1, WalletManagementRpc::encryptWallet, "passphrase"),
                Command.of("walletpassphrase", 2, WalletManagementRpc::walletPassphrase, "passphrase", "timeout"),
                Command.of("walletlock", 0, (a, c) -> {
                    c.wallet().wallet().lock();
                    return null;
                }),
                Command.of("walletpassphrasechange", 2, (a, c) -> {
                    c.wallet().wallet().changePassphrase(a.str(0), a.str(1));
                    return null;
                }, "oldpassphrase", "newpassphrase"));
    }

    private static Object createWallet(Args a, Call c) {
        String name = a.str(0);
        long flags = WalletLoader.WALLET_FLAG_DESCRIPTORS;
        if (a.bool(1, false)) {
            flags |= WalletLoader.WALLET_FLAG_DISABLE_PRIVATE_KEYS;
        }
        if (a.bool(2, false)) {
            flags |= WalletLoader.WALLET_FLAG_BLANK_WALLET;
        }
        List<String> warnings = new ArrayList<>();
        String passphrase = a.str(3, "");
        if (a.has(3) && passphrase.isEmpty()) {
            warnings.add("Empty string given as passphrase, wallet will not be encrypted.");
        }
        if (a.bool(4, false)) {
            flags |= WalletOptions.Seed.FLAG_AVOID_REUSE;
        }
        if (!a.bool(5, true)) {
            throw new RpcError(Rpc.WALLET_ERROR,
                    "descriptors argument must be set to \"true\"; it is no longer possible to create a legacy wallet.");
        }
        a.bool(6, false); // load_on_startup: type-checked; this wallet keeps no startup list yet
        if (a.bool(7, false)) {
            throw new RpcError(Rpc.WALLET_ERROR, "Compiled without external signing support (required for external signing)");
        }
        LoadedWallet w = c.manager().create(name, passphrase, flags);
        return nameAndWarnings(w.name(), warnings);
    }

    private static Object loadWallet(Args a, Call c) {
        String name = a.str(0);
        a.bool(1, false);
        return nameAndWarnings(c.manager().load(name).name(), List.of());
    }

    private static Object unloadWallet(Args a, Call c) {
        String name;
        if (c.endpointWallet().isPresent()) {
            name = c.endpointWallet().get();
            if (a.has(0) && !a.str(0).equals(name)) {
                throw new RpcError(Rpc.INVALID_PARAMETER, "RPC endpoint wallet and wallet_name parameter specify different wallets");
            }
        } else {
            name = a.str(0);
        }
        a.bool(1, false);
        c.manager().unloadWallet(name);
        return new LinkedHashMap<String, Object>();
    }

    private static Object listWalletDir(Args a, Call c) {
        List<Object> wallets = new ArrayList<>();
        for (String name : c.manager().listWalletDir()) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("name", name);
            wallets.add(w);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("wallets", wallets);
        return out;
    }

    private static Object getWalletInfo(Args a, Call c) {
        LoadedWallet w = c.wallet();
        Map<String, Object> o = new LinkedHashMap<>();
        long external = 0;
        long internal = 0;
        long birth = Long.MAX_VALUE;
        for (DescriptorRecords.Row d : w.wallet().descriptors()) {
            birth = Math.min(birth, d.created());
            if (d.active()) {
                long unused = d.rangeEnd() - d.nextIndex();
                if (d.internal()) {
                    internal += unused;
                } else {
                    external += unused;
                }
            }
        }
        o.put("walletname", w.name());
        o.put("walletversion", WALLET_VERSION);
        o.put("format", "sqlite");
        o.put("txcount", (long) w.transactions().size());
        o.put("keypoolsize", external);
        o.put("keypoolsize_hd_internal", internal);
        if (w.wallet().isEncrypted()) {
            o.put("unlocked_until", w.wallet().unlockedUntil().map(java.time.Instant::getEpochSecond).orElse(0L));
        }
        o.put("paytxfee", Amounts.btc(w.payTxFee()));
        o.put("private_keys_enabled", w.wallet().hasPrivateKeys());
        o.put("avoid_reuse", w.wallet().avoidsReuse());
        o.put("scanning", false);
        o.put("descriptors", true);
        o.put("external_signer", false);
        o.put("blank", w.wallet().descriptors().isEmpty());
        if (birth != Long.MAX_VALUE) {
            o.put("birthtime", birth);
        }
        w.sync().lastBlock().ifPresent(b -> o.put("lastprocessedblock", block(b)));
        return o;
    }

    static Map<String, Object> block(BlockRef b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", b.hash());
        m.put("height", (long) b.height());
        return m;
    }

    /** Core's getbalances-style "mine" object. */
    static Map<String, Object> mine(Balances b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trusted", Amounts.btc(b.trusted()));
        m.put("untrusted_pending", Amounts.btc(b.untrustedPending()));
        m.put("immature", Amounts.btc(b.immature()));
        return m;
    }

    private static Object backupWallet(Args a, Call c) {
        LoadedWallet w = c.wallet();
        try {
            w.wallet().backup(Path.of(a.str(0)));
        } catch (RuntimeException e) {
            throw new RpcError(Rpc.WALLET_ERROR, "Error: Wallet backup failed! " + e.getMessage());
        }
        return null;
    }

    private static Object setTxFee(Args a, Call c) {
        LoadedWallet w = c.wallet();
        long rate = a.amount(0); // BTC/kvB: satoshis per 1000 vbytes
        long relayMin = c.chain().relayMinFee();
        if (rate != 0 && rate < relayMin) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "txfee cannot be less than min relay tx fee ("
                    + Amounts.btc(relayMin).toPlainString() + " BTC/kvB)");
        }
        if (rate > WalletSender.DEFAULT_MAX_TX_FEE) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "txfee cannot be more than wallet max tx fee ("
                    + Amounts.btc(WalletSender.DEFAULT_MAX_TX_FEE).toPlainString() + " BTC/kvB)");
        }
        w.setPayTxFee(rate);
        return Boolean.TRUE;
    }

    /** Core's setwalletflag: only avoid_reuse may change; the others are fixed at creation. */
    private static Object setWalletFlag(Args a, Call c) {
        LoadedWallet w = c.wallet();
        String flag = a.str(0);
        boolean value = !a.has(1) || a.bool(1, true);
        if (!FLAG_NAMES.contains(flag)) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Unknown wallet flag: " + flag);
        }
        if (!flag.equals("avoid_reuse")) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Wallet flag is immutable: " + flag);
        }
        if (w.wallet().avoidsReuse() == value) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Wallet flag is already set to " + value + ": " + flag);
        }
        w.wallet().setAvoidReuse(value);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("flag_name", flag);
        o.put("flag_state", value);
        return o;
    }

    private static Object encryptWallet(Args a, Call c) {
        LoadedWallet w = c.wallet();
        if (!w.wallet().hasPrivateKeys()) {
            throw new RpcError(Rpc.WALLET_ENCRYPTION_FAILED, "Error: wallet does not contain private keys, nothing to encrypt.");
        }
        w.wallet().encrypt(a.str(0));
        return "wallet encrypted; The wallet's private keys are now encrypted. You need to make a new backup with the"
                + " backupwallet RPC.";
    }

    private static Object walletPassphrase(Args a, Call c) {
        LoadedWallet w = c.wallet();
        String passphrase = a.str(0);
        long timeout = a.integer(1, 0);
        if (timeout < 0) {
            throw new RpcError(Rpc.INVALID_PARAMETER, "Timeout cannot be negative.");
        }
        w.wallet().unlock(passphrase, Duration.ofSeconds(Math.min(timeout, 100_000_000L)));
        return null;
    }

    private static Map<String, Object> nameAndWarnings(String name, List<String> warnings) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", name);
        if (!warnings.isEmpty()) {
            o.put("warnings", new ArrayList<Object>(warnings));
        }
        return o;
    }
}
