package org.btcmp.node.iface;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletException;
import org.btcmp.interfaces.WalletLoader;
import org.btcmp.ipc.IpcException;

/**
 * The node's one {@link WalletLoader} over the loaders of every wallet process it serves (Core's
 * Node::walletLoader, spread over processes): lists span all of them; a new wallet goes to the first
 * (the node's spawned process, which is added in front) unless another process has it loaded already;
 * unloading and isEncrypted go to the process that has the wallet. A process whose calls fail with
 * {@link IpcException} (it died) drops out at once; so does one whose registration ends. Load
 * listeners hear of every process's loads, also of processes that join later.
 */
public final class NodeWallets implements WalletLoader {
    /** Core's RPC_WALLET_NOT_FOUND and RPC_WALLET_ALREADY_LOADED. */
    private static final int WALLET_NOT_FOUND = -18;
    private static final int WALLET_ALREADY_LOADED = -35;

    /** One process's loader and the forwarding of each load listener to it. */
    private static final class Member {
        final WalletLoader loader;
        final Map<LoadWalletListener, Handler> forwards = new ConcurrentHashMap<>();

        Member(WalletLoader loader) {
            this.loader = loader;
        }
    }

    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<LoadWalletListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds a wallet process's loader: in front when {@code first} (the node's own process), else behind
     * the others. The handler takes it out again.
     */
    public Handler add(WalletLoader loader, boolean first) {
        Member member = new Member(loader);
        synchronized (this) {
            if (first) {
                members.add(0, member);
            } else {
                members.add(member);
            }
        }
        for (LoadWalletListener listener : listeners) {
            forward(member, listener);
        }
        return () -> drop(member);
    }

    /** Whether any wallet process serves the node now. */
    public boolean isEmpty() {
        return members.isEmpty();
    }

    private void forward(Member member, LoadWalletListener listener) {
        if (member.forwards.containsKey(listener)) {
            return;
        }
        try {
            Handler forward = member.loader.handleLoadWallet(listener);
            if (member.forwards.putIfAbsent(listener, forward) != null) {
                disconnectQuietly(forward); // a join and a new listener raced: one forward is enough
            }
        } catch (IpcException gone) {
            drop(member);
        }
    }

    private void drop(Member member) {
        if (!members.remove(member)) {
            return;
        }
        member.forwards.values().forEach(NodeWallets::disconnectQuietly);
        member.forwards.clear();
    }

    private static void disconnectQuietly(Handler handler) {
        try {
            handler.disconnect();
        } catch (IpcException gone) {
            // the process went with its registrations
        }
    }

    /** {@code call} on each live process, in order, with the answers of those that answered. */
    private <T> List<T> fromEach(Function<WalletLoader, T> call) {
        List<T> answers = new ArrayList<>();
        for (Member member : members) {
            try {
                answers.add(call.apply(member.loader));
            } catch (IpcException gone) {
                drop(member);
            }
        }
        return answers;
    }

    /** The live process that has {@code name} loaded. */
    private Member holding(String name) {
        for (Member member : members) {
            try {
                if (member.loader.listWallets().contains(name)) {
                    return member;
                }
            } catch (IpcException gone) {
                drop(member);
            }
        }
        return null;
    }

    private Member requireHolding(String name) {
        Member member = holding(name);
        if (member == null) {
            throw new WalletException(WALLET_NOT_FOUND, "Requested wallet does not exist or is not loaded");
        }
        return member;
    }

    /** Creates or loads {@code name} in the first live process, refusing one another process has loaded. */
    private Wallet inFirstProcess(String name, Function<WalletLoader, Wallet> call) {
        if (holding(name) != null) {
            throw new WalletException(WALLET_ALREADY_LOADED, "Wallet \"" + name + "\" is already loaded.");
        }
        for (Member member : members) {
            try {
                return call.apply(member.loader);
            } catch (IpcException gone) {
                drop(member);
            }
        }
        throw new IllegalStateException("no wallet process serves this node (-disablewallet, -nowalletprocess"
                + " with none connected, or the wallet process is restarting)");
    }

    @Override
    public Wallet createWallet(String name, String passphrase, long flags) {
        return inFirstProcess(name, loader -> loader.createWallet(name, passphrase, flags));
    }

    @Override
    public Wallet loadWallet(String name) {
        return inFirstProcess(name, loader -> loader.loadWallet(name));
    }

    @Override
    public void unloadWallet(String name) {
        Member member = requireHolding(name);
        try {
            member.loader.unloadWallet(name);
        } catch (IpcException gone) {
            drop(member); // its wallets went with it
        }
    }

    @Override
    public List<String> listWallets() {
        List<String> names = new ArrayList<>();
        fromEach(WalletLoader::listWallets).forEach(names::addAll);
        return names;
    }

    /** The wallet directories' wallets: several processes may share one directory, so each name once. */
    @Override
    public List<String> listWalletDir() {
        TreeSet<String> names = new TreeSet<>();
        fromEach(WalletLoader::listWalletDir).forEach(names::addAll);
        return new ArrayList<>(names);
    }

    /** The first process's wallet directory (where a new wallet goes). */
    @Override
    public String getWalletDir() {
        List<String> dirs = fromEach(WalletLoader::getWalletDir);
        if (dirs.isEmpty()) {
            throw new IllegalStateException("no wallet process serves this node");
        }
        return dirs.get(0);
    }

    @Override
    public boolean isEncrypted(String name) {
        Member member = requireHolding(name);
        try {
            return member.loader.isEncrypted(name);
        } catch (IpcException gone) {
            drop(member);
            throw new WalletException(WALLET_NOT_FOUND, "Requested wallet does not exist or is not loaded");
        }
    }

    @Override
    public List<Wallet> getWallets() {
        List<Wallet> wallets = new ArrayList<>();
        fromEach(WalletLoader::getWallets).forEach(wallets::addAll);
        return wallets;
    }

    @Override
    public Handler handleLoadWallet(LoadWalletListener listener) {
        listeners.add(listener);
        for (Member member : members) {
            forward(member, listener);
        }
        return () -> {
            listeners.remove(listener);
            for (Member member : members) {
                Handler forward = member.forwards.remove(listener);
                if (forward != null) {
                    disconnectQuietly(forward);
                }
            }
        };
    }
}
