package org.btcmp.gui.view;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.common.json.Json;
import org.btcmp.gui.model.Network;
import org.btcmp.gui.model.TxRow;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletBalances;
import org.btcmp.interfaces.WalletLoader;

/**
 * What the screens show, kept on the event thread: the node's tip and network, the selected wallet,
 * its balances and history. Notifications (new tip, wallet changed) arrive on IPC threads and only
 * schedule a refresh; the refresh runs off the event thread and applies its snapshot on it, one at a
 * time (a notification during a refresh makes exactly one more).
 */
final class WalletModel implements AutoCloseable {
    final Node node;
    final WalletLoader loader;
    final Background background;
    private final List<Runnable> listeners = new ArrayList<>();
    private final List<Handler> handlers = new ArrayList<>();
    private Handler walletHandler;
    private Wallet wallet;
    private String walletName = "";
    private Network network = Network.REGTEST;
    private BlockRef tip = new BlockRef("", 0);
    private WalletBalances balances = new WalletBalances(0, 0, 0);
    private List<TxRow> transactions = List.of();
    /** The shortest time between two refreshes' starts. */
    static final int REFRESH_INTERVAL_MILLIS = 200;
    private final java.util.concurrent.atomic.AtomicBoolean refreshWanted = new java.util.concurrent.atomic.AtomicBoolean();
    private final javax.swing.Timer refreshLater = new javax.swing.Timer(REFRESH_INTERVAL_MILLIS, e -> refresh());
    private long lastRefreshStart = System.nanoTime() - REFRESH_INTERVAL_MILLIS * 1_000_000L;
    private boolean starting;
    private boolean started;
    private boolean refreshing;
    private boolean refreshAgain;
    private long refreshes;

    WalletModel(Node node, WalletLoader loader, Background background) {
        this.node = node;
        this.loader = loader;
        this.background = background;
        refreshLater.setRepeats(false);
    }

    /**
     * Subscribes to the node's tip and the first loaded wallet, then loads everything once; after a
     * failure (shown as a problem) the next refresh tries again.
     */
    void start() {
        if (starting) {
            return;
        }
        starting = true;
        background.run("Connecting to the node", () -> {
            String chain = (String) ((java.util.Map<?, ?>) Json.parse(
                    node.executeRpc("getblockchaininfo", "[]", "/"))).get("chain");
            List<Wallet> wallets = loader.getWallets();
            Handler tips = node.handleNotifyBlockTip(t -> notified());
            try {
                Handler loads = loader.handleLoadWallet(w -> Background.onEdt(() -> {
                    if (wallet == null) {
                        select(w);
                    }
                }));
                return new Object[] {Network.ofChainName(chain), wallets.isEmpty() ? null : wallets.get(0), tips, loads};
            } catch (RuntimeException | Error e) {
                tips.disconnect(); // no half subscription left behind for the retry to double
                throw e;
            }
        }, r -> {
            starting = false;
            started = true;
            network = (Network) r[0];
            handlers.add((Handler) r[2]);
            handlers.add((Handler) r[3]);
            if (r[1] != null) {
                select((Wallet) r[1]);
            } else {
                refresh();
            }
        }, e -> {
            starting = false;
            background.problem("Connecting to the node", e);
        });
    }

    /** Shows {@code w} (null: no wallet) from now on. */
    void select(Wallet w) {
        Handler old = walletHandler;
        walletHandler = null;
        wallet = w;
        balances = new WalletBalances(0, 0, 0);
        transactions = List.of();
        background.run("Opening the wallet", () -> {
            if (old != null) {
                old.disconnect();
            }
            if (w == null) {
                return new Object[] {"", null};
            }
            return new Object[] {w.getWalletName(), w.handleBalanceChanged(this::notified)};
        }, r -> {
            walletName = (String) r[0];
            walletHandler = (Handler) r[1];
            refresh();
        });
        fire();
    }

    /**
     * A notification (any thread): posts a refresh to the event thread unless one is wanted already and has
     * not started yet; a block storm sends a tip and a wallet change per block, and they all ride on it.
     */
    private void notified() {
        if (!refreshWanted.getAndSet(true)) {
            javax.swing.SwingUtilities.invokeLater(this::refresh);
        }
    }

    /**
     * Reloads tip, balances and history off the event thread, coalesced: one at a time, and at most one
     * started per {@link #REFRESH_INTERVAL_MILLIS} (later requests make one more, at the end of the interval),
     * so the screens are redrawn a few times a second in a block storm, not once per block.
     */
    void refresh() {
        if (!started) {
            start(); // the first load failed: subscribe again before anything else
            return;
        }
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        long wait = REFRESH_INTERVAL_MILLIS - (System.nanoTime() - lastRefreshStart) / 1_000_000;
        if (wait > 0) {
            if (!refreshLater.isRunning()) {
                refreshLater.setInitialDelay((int) wait);
                refreshLater.restart();
            }
            return;
        }
        refreshLater.stop();
        lastRefreshStart = System.nanoTime();
        refreshWanted.set(false); // what is notified from now on is not in this snapshot: it posts again
        refreshing = true;
        Wallet w = wallet;
        String name = walletName;
        background.runUnseen("Loading the balances and transactions", () -> snapshot(w, name), s -> {
            refreshing = false;
            if (w == wallet) {
                tip = s.tip;
                balances = s.balances;
                transactions = s.transactions;
                refreshes++;
                fire();
            }
            if (refreshAgain) {
                refreshAgain = false;
                refresh();
            }
        }, e -> {
            refreshing = false;
            refreshAgain = false;
            background.problem("Loading the balances and transactions", e);
        });
    }

    private record Snapshot(BlockRef tip, WalletBalances balances, List<TxRow> transactions) {
    }

    private Snapshot snapshot(Wallet w, String name) throws Json.ParseException {
        BlockRef t = node.getTip();
        if (w == null) {
            return new Snapshot(t, new WalletBalances(0, 0, 0), List.of());
        }
        WalletBalances b = w.getBalances();
        List<TxRow> txs = TxRow.fromListTransactions(Json.parse(
                node.executeRpc("listtransactions", "[\"*\",1000,0]", walletUri(name))));
        return new Snapshot(t, b, txs);
    }

    /** The RPC path of wallet {@code name} (Core's /wallet/<name>, the default wallet at /wallet/). */
    static String walletUri(String name) {
        return "/wallet/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    void addListener(Runnable r) {
        listeners.add(r);
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }

    Wallet wallet() {
        return wallet;
    }

    String walletName() {
        return walletName;
    }

    Network network() {
        return network;
    }

    BlockRef tip() {
        return tip;
    }

    WalletBalances balances() {
        return balances;
    }

    List<TxRow> transactions() {
        return transactions;
    }

    /** How many refreshes have been applied (tests wait on it). */
    long refreshes() {
        return refreshes;
    }

    @Override
    public void close() {
        refreshLater.stop();
        List<Handler> all = new ArrayList<>(handlers);
        if (walletHandler != null) {
            all.add(walletHandler);
        }
        handlers.clear();
        walletHandler = null;
        for (Handler h : all) {
            try {
                h.disconnect();
            } catch (RuntimeException gone) {
                // the node or wallet is already gone: nothing to release
            }
        }
    }
}
