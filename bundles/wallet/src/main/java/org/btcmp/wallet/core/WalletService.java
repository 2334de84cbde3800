package org.btcmp.wallet.core;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletBalances;

/** One loaded wallet as the {@link Wallet} interface shows it: its file, its sync with the node and its sender. */
public final class WalletService implements Wallet {
    private final String name;
    private final DescriptorWallet wallet;
    private final WalletSync sync;
    private final WalletSender sender;
    private final List<UnloadListener> unloadListeners = new CopyOnWriteArrayList<>();

    public WalletService(String name, DescriptorWallet wallet, WalletSync sync, WalletSender sender) {
        this.name = name;
        this.wallet = wallet;
        this.sync = sync;
        this.sender = sender;
    }

    @Override
    public String getWalletName() {
        return name;
    }

    @Override
    public WalletBalances getBalances() {
        Balances b = sync.balances();
        return new WalletBalances(b.trusted(), b.untrustedPending(), b.immature());
    }

    @Override
    public String getNewAddress(String outputType, String label) {
        return wallet.getNewAddress(outputType, label);
    }

    @Override
    public String sendToAddress(String address, long amount, long feeRate) {
        return sender.send(List.of(new WalletSender.Recipient(address, amount)),
                feeRate > 0 ? OptionalLong.of(feeRate) : OptionalLong.empty()).txid();
    }

    @Override
    public long getFeeRate(int confTarget) {
        return sender.feeRate(confTarget);
    }

    @Override
    public long estimateSendFee(String address, long amount, long feeRate) {
        return sender.previewFee(List.of(new WalletSender.Recipient(address, amount)),
                feeRate > 0 ? OptionalLong.of(feeRate) : OptionalLong.empty());
    }

    @Override
    public Handler handleBalanceChanged(BalanceChangedListener listener) {
        return sync.onChange(listener::balanceChanged);
    }

    @Override
    public Handler handleUnload(UnloadListener listener) {
        unloadListeners.add(listener);
        return () -> unloadListeners.remove(listener);
    }

    /** Tells the unload listeners, once: a listener in a process that is gone is skipped. */
    public void notifyUnloaded() {
        List<UnloadListener> listeners = List.copyOf(unloadListeners);
        unloadListeners.clear();
        for (UnloadListener listener : listeners) {
            try {
                listener.walletUnloaded();
            } catch (RuntimeException listenerGone) {
                // its process went away (IpcException) or it failed: the wallet is unloaded either way
            }
        }
    }
}
