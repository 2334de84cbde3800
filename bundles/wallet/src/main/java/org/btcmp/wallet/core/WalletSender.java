package org.btcmp.wallet.core;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.BroadcastResult;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.OutPointRef;
import org.btcmp.primitives.Hash256;
import org.btcmp.primitives.OutPoint;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.TxIn;
import org.btcmp.primitives.TxOut;
import org.btcmp.primitives.script.Address;
import org.btcmp.wallet.store.TxRecords;

/**
 * Pays addresses from the wallet's trusted P2WPKH and P2TR coins (Core's sendtoaddress/sendmany):
 * selects coins, adds change unless it would be dust, signals replaceability (BIP125), signs, hands
 * the transaction to the node and records it, so its change is spendable and its coins are spent at once.
 */
public final class WalletSender {
    /** Core's RPC_TYPE_ERROR. */
    static final int TYPE_ERROR = -3;
    /** Core's RPC_WALLET_INSUFFICIENT_FUNDS. */
    static final int INSUFFICIENT_FUNDS = -6;
    /** Core's default -maxtxfee (0.1 BTC): a wallet transaction never pays more. */
    public static final long DEFAULT_MAX_TX_FEE = 10_000_000L;
    /** nSequence that signals BIP125 replaceability and keeps nLockTime enforced. */
    static final long SEQUENCE_RBF = 0xfffffffdL;

    private static final int TX_OVERHEAD_WEIGHT = (4 + 1 + 1 + 4) * 4 + 2; // version, counts, locktime; segwit marker
    private static final int P2WPKH_INPUT_WEIGHT = (32 + 4 + 1 + 4) * 4 + (1 + 1 + 72 + 1 + 33);
    private static final int P2TR_INPUT_WEIGHT = (32 + 4 + 1 + 4) * 4 + (1 + 1 + 64);
    /** Core's -dustrelayfee in sat/kvB. */
    private static final long DUST_RELAY_FEE = 3000;

    /** An amount in satoshis to an address. */
    public record Recipient(String address, long amount) {
    }

    /** A sent transaction: its id, the fee it pays and its serialized bytes. */
    public record Sent(String txid, long fee, byte[] raw) {
    }

    private final DescriptorWallet wallet;
    private final WalletSync sync;
    private final Chain chain;
    private final long fallbackFeeRate;
    private final Random random = new SecureRandom();
    private final Set<OutPointRef> locked = ConcurrentHashMap.newKeySet(); // Core's lockunspent, in memory

    /** {@code fallbackFeeRate} in sat/kvB is used when a send names no fee rate (Core's -fallbackfee; 0 disables it). */
    public WalletSender(DescriptorWallet wallet, WalletSync sync, Chain chain, long fallbackFeeRate) {
        this.wallet = wallet;
        this.sync = sync;
        this.chain = chain;
        this.fallbackFeeRate = fallbackFeeRate;
    }

    /**
     * Pays {@code recipients} at {@code feeRate} sat/kvB (or the fallback fee rate) and returns the
     * transaction the node accepted.
     *
     * @throws WalletError with Core's codes: -3 bad amount, -5 bad address, -6 insufficient funds,
     *     -4 fee problems or a refusal by the node, -13 locked wallet
     */
    public synchronized Sent send(List<Recipient> recipients, OptionalLong feeRate) {
        Funded funded = fund(recipients, feeRate);
        Transaction tx = TxSigner.sign(funded.tx(), funded.spent(), wallet);
        BroadcastResult result = chain.broadcastTransaction(tx.toBytes(), 0);
        if (!result.accepted()) {
            throw new WalletError(WalletError.WALLET_ERROR, "Transaction rejected by the node: " + result.error());
        }
        sync.recordSent(tx);
        return new Sent(tx.txid().toString(), funded.fee(), tx.toBytes());
    }

    /**
     * An unsigned transaction paying the recipients: inputs chosen from the wallet's coins, the outputs
     * they spend (in input order), its fee, and where its change output is (-1: none).
     */
    public record Funded(Transaction tx, List<TxOut> spent, long fee, int changePosition) {
    }

    /**
     * Selects coins and builds the unsigned transaction {@link #send} would sign (Core's
     * walletcreatefundedpsbt); nothing is broadcast. A change address is handed out when change is added.
     */
    public synchronized Funded fund(List<Recipient> recipients, OptionalLong feeRate) {
        if (recipients.isEmpty()) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "Transaction must have at least one recipient");
        }
        List<TxOut> outputs = new ArrayList<>();
        long amount = 0;
        boolean payingTaproot = false;
        for (Recipient r : recipients) {
            Script script = scriptOf(r.address());
            if (r.amount() <= 0) {
                throw new WalletError(TYPE_ERROR, "Invalid amount for send");
            }
            if (r.amount() < dustThreshold(script)) {
                throw new WalletError(WalletError.WALLET_ERROR, "Transaction amount too small");
            }
            outputs.add(new TxOut(r.amount(), script));
            amount += r.amount();
            payingTaproot |= script.isP2TR();
        }
        long rate = feeRate(feeRate);
        String changeType = payingTaproot ? "bech32m" : "bech32";
        int changeScriptLength = payingTaproot ? 34 : 22;
        long changeFee = fee(outputWeight(changeScriptLength), rate);
        long costOfChange = changeFee + fee(payingTaproot ? P2TR_INPUT_WEIGHT : P2WPKH_INPUT_WEIGHT, rate);
        int baseWeight = TX_OVERHEAD_WEIGHT + outputs.stream().mapToInt(o -> outputWeight(o.scriptPubKey().length())).sum();
        long target = amount + fee(baseWeight, rate);

        List<CoinSelection.Candidate> candidates = new ArrayList<>();
        for (TxRecords.Output coin : wallet.database().read(BalanceCalculator::spendable)) {
            if (locked.contains(new OutPointRef(coin.txid(), coin.vout()))) {
                continue;
            }
            Script s = Script.of(coin.script());
            if (s.isP2WPKH() || s.isP2TR()) {
                candidates.add(new CoinSelection.Candidate(coin, coin.value() - fee(inputWeight(s), rate)));
            }
        }
        CoinSelection.Selection selection = CoinSelection.select(candidates, target, costOfChange, changeFee, random)
                .orElseThrow(() -> new WalletError(INSUFFICIENT_FUNDS, "Insufficient funds"));

        long change = selection.effectiveTotal() - target - changeFee;
        int changePosition = -1;
        if (selection.withChange() && change >= dustThreshold(changeScriptLength)) {
            Script changeScript = Address.toScript(wallet.getRawChangeAddress(changeType), wallet.params());
            changePosition = random.nextInt(outputs.size() + 1);
            outputs.add(changePosition, new TxOut(change, changeScript));
        }
        List<TxIn> inputs = new ArrayList<>();
        List<TxOut> spent = new ArrayList<>();
        long inputTotal = 0;
        for (CoinSelection.Candidate c : selection.coins()) {
            TxRecords.Output coin = c.coin();
            inputs.add(new TxIn(new OutPoint(Hash256.fromHex(coin.txid()), coin.vout()), Script.EMPTY, SEQUENCE_RBF));
            spent.add(new TxOut(coin.value(), Script.of(coin.script())));
            inputTotal += coin.value();
        }
        long fee = inputTotal - outputs.stream().mapToLong(TxOut::value).sum();
        if (fee > DEFAULT_MAX_TX_FEE) {
            throw new WalletError(WalletError.WALLET_ERROR, "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");
        }
        // anti fee sniping, as Core: only valid after the wallet's current tip
        long lockTime = sync.lastBlock().map(BlockRef::height).orElse(0);
        return new Funded(new Transaction(2, inputs, outputs, lockTime), spent, fee, changePosition);
    }

    /** Keeps coin selection away from {@code coin} until unlocked; false when it was locked already. */
    public boolean lock(OutPointRef coin) {
        return locked.add(coin);
    }

    /** Lets coin selection use {@code coin} again; false when it was not locked. */
    public boolean unlock(OutPointRef coin) {
        return locked.remove(coin);
    }

    public void unlockAll() {
        locked.clear();
    }

    public boolean isLocked(OutPointRef coin) {
        return locked.contains(coin);
    }

    /** The locked coins, in no particular order. */
    public List<OutPointRef> lockedCoins() {
        return new ArrayList<>(locked);
    }

    private long feeRate(OptionalLong requested) {
        long minimum = chain.relayMinFee();
        if (requested.isPresent()) {
            if (requested.getAsLong() < minimum) {
                throw new WalletError(WalletError.WALLET_ERROR, "Fee rate (" + satPerVb(requested.getAsLong())
                        + " sat/vB) is lower than the minimum fee rate setting (" + satPerVb(minimum) + " sat/vB)");
            }
            return requested.getAsLong();
        }
        if (fallbackFeeRate <= 0) {
            throw new WalletError(WalletError.WALLET_ERROR,
                    "Fee estimation failed. Fallbackfee is disabled. Wait a few blocks or enable -fallbackfee.");
        }
        return Math.max(fallbackFeeRate, minimum);
    }

    /** Core's CFeeRate::ToString in sat/vB: three decimals. */
    private static String satPerVb(long satPerKvB) {
        return java.math.BigDecimal.valueOf(satPerKvB, 3).toPlainString();
    }

    private Script scriptOf(String address) {
        try {
            return Address.toScript(address, wallet.params());
        } catch (IllegalArgumentException e) { // DecodeException included
            throw new WalletError(WalletError.INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address: " + address);
        }
    }

    private static int inputWeight(Script s) {
        return s.isP2TR() ? P2TR_INPUT_WEIGHT : P2WPKH_INPUT_WEIGHT;
    }

    private static int outputWeight(int scriptLength) {
        return (8 + 1 + scriptLength) * 4;
    }

    /** The fee for {@code weight} at {@code rate} sat/kvB, rounded up, over whole virtual bytes. */
    static long fee(int weight, long rate) {
        long vbytes = (weight + 3) / 4;
        return (vbytes * rate + 999) / 1000;
    }

    private static long dustThreshold(Script script) {
        return dustThreshold(script.length());
    }

    /** Core's dust rule for witness outputs: spending it (about 67 vbytes) plus the output, at the dust relay fee. */
    static long dustThreshold(int scriptLength) {
        return (8 + 1 + scriptLength + 67) * DUST_RELAY_FEE / 1000;
    }
}
