package org.btcmp.interfaces;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/** What a GUI needs from one loaded wallet (the start of Core's interfaces::Wallet). */
@ProviderType
public interface Wallet {
    String getWalletName();

    WalletBalances getBalances();

    /** A new receiving address of {@code outputType} ("bech32", "bech32m", ...) with a label. */
    String getNewAddress(String outputType, String label);

    /**
     * Pays {@code amount} satoshis to {@code address} at {@code feeRate} sat/kvB (0: the wallet's
     * fallback fee rate) and returns the txid; refusals carry Core's message.
     */
    String sendToAddress(String address, long amount, long feeRate);

    /**
     * The fee rate (sat/kvB) a send aiming to confirm within {@code confTarget} blocks pays now: the node's
     * estimate (at least the mempool's minimum), else the wallet's fallback rate, never under the relay
     * minimum (Core's GetMinimumFeeRate, which its GUI shows for the chosen target).
     *
     * @throws RuntimeException with Core's message when there is no estimate and no fallback rate
     */
    long getFeeRate(int confTarget);

    /**
     * The fee in satoshis that {@link #sendToAddress} with the same arguments would pay now (Core's
     * createTransaction without signing, as its GUI does before the confirmation): the same checks and
     * refusals; nothing is signed, reserved or sent, and a locked wallet answers too.
     */
    long estimateSendFee(String address, long amount, long feeRate);

    /** Calls {@code listener} after every change the wallet records (blocks, mempool, sends) until disconnected. */
    Handler handleBalanceChanged(BalanceChangedListener listener);

    /**
     * Calls {@code listener} once when the wallet is unloaded by request (Core's handleUnload), until the
     * handler is disconnected; a process that stops closes its wallets without this notice.
     */
    Handler handleUnload(UnloadListener listener);

    /** Hears that a wallet was unloaded (a callback object: it may live in another process). */
    @ConsumerType
    @FunctionalInterface
    interface UnloadListener {
        void walletUnloaded();
    }

    /** Hears of every change a wallet records (a callback object: it may live in another process). */
    @ConsumerType
    @FunctionalInterface
    interface BalanceChangedListener {
        void balanceChanged();
    }
}
