package org.btcmp.wallet.core;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
import org.btcmp.primitives.ScriptBuilder;
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
    /** Core's MAX_SEQUENCE_NONFINAL: no BIP125 signal, nLockTime still enforced (replaceable=false). */
    static final long SEQUENCE_NO_RBF = 0xfffffffeL;

    private static final int TX_OVERHEAD_WEIGHT = (4 + 1 + 1 + 4) * 4 + 2; // version, counts, locktime; segwit marker
    private static final int P2WPKH_INPUT_WEIGHT = (32 + 4 + 1 + 4) * 4 + (1 + 1 + 72 + 1 + 33);
    private static final int P2TR_INPUT_WEIGHT = (32 + 4 + 1 + 4) * 4 + (1 + 1 + 64);
    /** Core's -dustrelayfee in sat/kvB. */
    private static final long DUST_RELAY_FEE = 3000;

    /**
     * An amount in satoshis to an address, or to a script given as such ({@code script}: a "data"
     * OP_RETURN output, or an output kept from a transaction being replaced); {@code subtractFee}: the
     * fee comes out of this amount (Core's subtractfeefromamount).
     */
    public record Recipient(String address, long amount, boolean subtractFee, Script script) {
        public Recipient(String address, long amount) {
            this(address, amount, false, null);
        }

        public Recipient(String address, long amount, boolean subtractFee) {
            this(address, amount, subtractFee, null);
        }

        /** Core's "data" output: OP_RETURN with {@code payload}, no value. */
        public static Recipient data(byte[] payload) {
            return new Recipient(null, 0, false, ScriptBuilder.opReturn(payload));
        }

        /** An output to {@code script} itself. */
        public static Recipient toScript(Script script, long amount, boolean subtractFee) {
            return new Recipient(null, amount, subtractFee, script);
        }
    }

    /**
     * Core's CCoinControl, the parts this wallet uses: coins that must be spent (in this order), a
     * fixed change script or change type and position, transactions whose outputs must not be spent,
     * avoid_reuse, BIP125 signalling, whether other coins may be added and which (by confirmations and
     * safety), a fixed nLockTime (none: anti-fee-sniping), and per-input sequences and weights.
     */
    public record CoinControl(List<TxRecords.Output> preselected, Optional<Script> changeScript, Set<String> excludedTxids,
            boolean avoidReuse, boolean signalRbf, boolean allowOtherInputs, int minDepth, int maxDepth,
            boolean includeUnsafe, OptionalInt changePosition, Optional<String> changeType, OptionalLong lockTime,
            Map<OutPointRef, Long> sequences, Map<OutPointRef, Integer> inputWeights) {
        /** Core's DEFAULT_MAX_DEPTH. */
        public static final int MAX_DEPTH = 9_999_999;

        CoinControl(List<TxRecords.Output> preselected, Optional<Script> changeScript, Set<String> excludedTxids,
                boolean avoidReuse, boolean signalRbf) {
            this(preselected, changeScript, excludedTxids, avoidReuse, signalRbf, true, 0, MAX_DEPTH, false,
                    OptionalInt.empty(), Optional.empty(), OptionalLong.empty(), Map.of(), Map.of());
        }

        public static CoinControl of(boolean avoidReuse, boolean signalRbf) {
            return new CoinControl(List.of(), Optional.empty(), Set.of(), avoidReuse, signalRbf);
        }

        /** These coins first, each with its sequence; other coins only when {@code allowOther}. */
        public CoinControl withInputs(List<TxRecords.Output> coins, Map<OutPointRef, Long> inputSequences,
                boolean allowOther) {
            return new CoinControl(coins, changeScript, excludedTxids, avoidReuse, signalRbf, allowOther, minDepth,
                    maxDepth, includeUnsafe, changePosition, changeType, lockTime, inputSequences, inputWeights);
        }

        /** Which other coins may be added: {@code min} to {@code max} confirmations, unsafe ones too or not. */
        public CoinControl withCoinFilter(int min, int max, boolean unsafe) {
            return new CoinControl(preselected, changeScript, excludedTxids, avoidReuse, signalRbf, allowOtherInputs,
                    min, max, unsafe, changePosition, changeType, lockTime, sequences, inputWeights);
        }

        /** Change to {@code script} (or of {@code type}) at {@code position} (empty: random). */
        public CoinControl withChange(Optional<Script> script, Optional<String> type, OptionalInt position) {
            return new CoinControl(preselected, script, excludedTxids, avoidReuse, signalRbf, allowOtherInputs,
                    minDepth, maxDepth, includeUnsafe, position, type, lockTime, sequences, inputWeights);
        }

        /** A fixed nLockTime, and the weights (witness units) the named inputs will have once signed. */
        public CoinControl withLockTime(OptionalLong fixed, Map<OutPointRef, Integer> weights) {
            return new CoinControl(preselected, changeScript, excludedTxids, avoidReuse, signalRbf, allowOtherInputs,
                    minDepth, maxDepth, includeUnsafe, changePosition, changeType, fixed, sequences, weights);
        }
    }

    /** A sent transaction: its id, the fee it pays, its serialized bytes and Core's reason for its fee rate. */
    public record Sent(String txid, long fee, byte[] raw, String feeReason) {
    }

    private final DescriptorWallet wallet;
    private final WalletSync sync;
    private final Chain chain;
    private final long fallbackFeeRate;
    private final Random random = new SecureRandom();
    private final Set<OutPointRef> locked = ConcurrentHashMap.newKeySet(); // Core's lockunspent, in memory
    private volatile long payTxFee; // settxfee, sat/kvB; 0: unset

    /** {@code fallbackFeeRate} in sat/kvB is used when a send names no fee rate (Core's -fallbackfee; 0 disables it). */
    public WalletSender(DescriptorWallet wallet, WalletSync sync, Chain chain, long fallbackFeeRate) {
        this.wallet = wallet;
        this.sync = sync;
        this.chain = chain;
        this.fallbackFeeRate = fallbackFeeRate;
    }

    /** Core's settxfee: the rate (sat/kvB) used when a send names none; 0 returns to estimates. */
    public void setPayTxFee(long satPerKvB) {
        payTxFee = satPerKvB;
    }

    public long payTxFee() {
        return payTxFee;
    }

    /**
     * Pays {@code recipients} at {@code feeRate} sat/kvB (or the wallet's default rate) and returns the
     * transaction the node accepted.
     *
     * @throws WalletError with Core's codes: -3 bad amount, -5 bad address, -6 insufficient funds,
     *     -4 fee problems or a refusal by the node, -13 locked wallet
     */
    public Sent send(List<Recipient> recipients, OptionalLong feeRate) {
        return send(recipients, FeePolicy.Request.rate(feeRate), false);
    }

    /**
     * Pays {@code recipients} at the rate {@code fee} asks for; with {@code avoidReuse}, coins on
     * addresses the wallet already spent from are left alone (Core's avoid_reuse).
     */
    public Sent send(List<Recipient> recipients, FeePolicy.Request fee, boolean avoidReuse) {
        return send(recipients, fee, avoidReuse, true);
    }

    /** {@link #send(List, FeePolicy.Request, boolean)}; {@code signalRbf} false: Core's replaceable=false. */
    public synchronized Sent send(List<Recipient> recipients, FeePolicy.Request fee, boolean avoidReuse, boolean signalRbf) {
        if (!wallet.hasPrivateKeys()) {
            throw new WalletError(WalletError.WALLET_ERROR, "Error: Private keys are disabled for this wallet");
        }
        return signAndSend(fund(recipients, fee, CoinControl.of(avoidReuse, signalRbf)));
    }

    /** Signs a funded transaction with the wallet's keys, hands it to the node and records it. */
    public synchronized Sent signAndSend(Funded funded) {
        Transaction tx = TxSigner.sign(funded.tx(), funded.spent(), wallet);
        BroadcastResult result = chain.broadcastTransaction(tx.toBytes(), 0);
        if (!result.accepted()) {
            throw new WalletError(WalletError.WALLET_ERROR, "Transaction rejected by the node: " + result.error());
        }
        sync.recordSent(tx);
        return new Sent(tx.txid().toString(), funded.fee(), tx.toBytes(), funded.feeReason());
    }

    /**
     * The fee rate (sat/kvB) a send aiming to confirm within {@code confTarget} blocks pays now (settxfee's
     * rate when set, as a send without a rate does).
     *
     * @throws WalletError -8 for a target outside 1 to the node's longest horizon; -4 without estimate or fallback
     */
    public long feeRate(int confTarget) {
        int max = chain.estimateMaxBlocks();
        if (confTarget < 1 || confTarget > max) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "Invalid conf_target, must be between 1 and " + max);
        }
        FeePolicy.Request request = new FeePolicy.Request(OptionalLong.empty(), java.util.OptionalInt.of(confTarget), false);
        return FeePolicy.choose(chain, request, payTxFee, fallbackFeeRate, true).rate();
    }

    /**
     * The fee {@link #send(List, OptionalLong)} would pay now, with the same refusals; nothing is signed or
     * sent, and no change address is handed out: the change goes to a stand-in script, the fee depends only on
     * the change output's size, which the recipients' types fix.
     */
    public long previewFee(List<Recipient> recipients, OptionalLong feeRate) {
        if (!wallet.hasPrivateKeys()) {
            throw new WalletError(WalletError.WALLET_ERROR, "Error: Private keys are disabled for this wallet");
        }
        boolean payingTaproot = recipients.stream()
                .anyMatch(r -> (r.script() != null ? r.script() : scriptOf(r.address())).isP2TR());
        // the stand-in has the size of the change the send would add: P2TR when paying taproot, as fund() picks
        Script standIn = payingTaproot ? ScriptBuilder.witness(1, new byte[32]) : ScriptBuilder.witness(0, new byte[20]);
        CoinControl control = new CoinControl(List.of(), Optional.of(standIn), Set.of(), false, true);
        return fund(recipients, FeePolicy.Request.rate(feeRate), control).fee();
    }

    /**
     * An unsigned transaction paying the recipients: inputs chosen from the wallet's coins, the outputs
     * they spend (in input order), its fee, where its change output is (-1: none) and why it pays that rate.
     */
    public record Funded(Transaction tx, List<TxOut> spent, long fee, int changePosition, String feeReason) {
    }

    /** {@link #fund(List, FeePolicy.Request, boolean)} at an explicit rate or the default one. */
    public Funded fund(List<Recipient> recipients, OptionalLong feeRate) {
        return fund(recipients, FeePolicy.Request.rate(feeRate), false);
    }

    /**
     * Selects coins and builds the unsigned transaction {@link #send} would sign (Core's
     * CreateTransaction; walletcreatefundedpsbt); nothing is broadcast. A change address is handed out
     * when change is added. Recipients marked {@code subtractFee} share the fee equally, the first of
     * them also paying the remainder, as Core does.
     */
    public Funded fund(List<Recipient> recipients, FeePolicy.Request feeRequest, boolean avoidReuse) {
        return fund(recipients, feeRequest, CoinControl.of(avoidReuse, true));
    }

    /** {@link #fund(List, FeePolicy.Request, boolean)}; {@code signalRbf} false: Core's replaceable=false. */
    public Funded fund(List<Recipient> recipients, FeePolicy.Request feeRequest, boolean avoidReuse, boolean signalRbf) {
        return fund(recipients, feeRequest, CoinControl.of(avoidReuse, signalRbf));
    }

    /**
     * {@link #fund(List, FeePolicy.Request, boolean)} under {@code control} (Core's CreateTransaction with
     * a CCoinControl): preselected coins always spent, first and in their order.
     */
    public synchronized Funded fund(List<Recipient> recipients, FeePolicy.Request feeRequest, CoinControl control) {
        if (recipients.isEmpty()) {
            throw new WalletError(WalletError.INVALID_PARAMETER, "Transaction must have at least one recipient");
        }
        List<TxOut> outputs = new ArrayList<>();
        long amount = 0;
        int subtractCount = 0;
        boolean payingTaproot = false;
        for (Recipient r : recipients) {
            Script script = r.script() != null ? r.script() : scriptOf(r.address());
            if (r.amount() < 0 || (r.amount() == 0 && !script.isUnspendable())) {
                throw new WalletError(TYPE_ERROR, "Invalid amount for send");
            }
            if (!script.isUnspendable() && r.amount() < dustThreshold(script)) {
                throw new WalletError(WalletError.WALLET_ERROR, "Transaction amount too small");
            }
            outputs.add(new TxOut(r.amount(), script));
            amount += r.amount();
            payingTaproot |= script.isP2TR();
            subtractCount += r.subtractFee() ? 1 : 0;
        }
        boolean subtractFee = subtractCount > 0;
        FeePolicy.Choice feeChoice = FeePolicy.choose(chain, feeRequest, payTxFee, fallbackFeeRate, control.signalRbf());
        long rate = feeChoice.rate();
        String changeType = control.changeType().orElse(payingTaproot ? "bech32m" : "bech32");
        int changeScriptLength = control.changeScript().map(Script::length)
                .orElse(changeType.equals("bech32m") ? 34 : 22);
        long changeFee = fee(outputWeight(changeScriptLength), rate);
        long costOfChange = changeFee + fee(changeType.equals("bech32m") ? P2TR_INPUT_WEIGHT : P2WPKH_INPUT_WEIGHT, rate);
        int baseWeight = TX_OVERHEAD_WEIGHT + outputs.stream().mapToInt(o -> outputWeight(o.scriptPubKey().length())).sum();
        // with the fee taken from the payments, coins count at their full value and the target is the payments alone
        long target = amount + (subtractFee ? 0 : fee(baseWeight, rate));
        if (target == 0 && control.preselected().isEmpty()) {
            throw new WalletError(WalletError.WALLET_ERROR, "Transaction requires one destination of non-zero value,"
                    + " a non-zero feerate, or a pre-selected input");
        }

        List<CoinSelection.Candidate> preselected = new ArrayList<>();
        Set<OutPointRef> chosen = new java.util.HashSet<>();
        Map<OutPointRef, Integer> weights = new java.util.HashMap<>();
        long preselectedTotal = 0;
        for (TxRecords.Output coin : control.preselected()) {
            OutPointRef ref = new OutPointRef(coin.txid(), coin.vout());
            int weight = control.inputWeights().getOrDefault(ref, solvedInputWeight(Script.of(coin.script())));
            if (weight < 0) { // Core: no way to tell its signed size, so no way to pay for it
                throw new WalletError(WalletError.WALLET_ERROR, "Not solvable pre-selected input " + describe(ref));
            }
            weights.put(ref, weight);
            long inputFee = subtractFee ? 0 : fee(weight, rate);
            preselected.add(new CoinSelection.Candidate(coin, coin.value() - inputFee));
            chosen.add(ref);
            preselectedTotal += coin.value() - inputFee;
        }
        if (!control.allowOtherInputs() && target - preselectedTotal > 0) {
            throw new WalletError(WalletError.WALLET_ERROR, "The preselected coins total amount does not cover the"
                    + " transaction target. Please allow other inputs to be automatically selected or include more"
                    + " coins manually");
        }
        List<CoinSelection.Candidate> candidates = new ArrayList<>();
        Set<String> dirty = control.avoidReuse() ? wallet.database().read(BalanceCalculator::dirtyScripts) : Set.of();
        List<TxRecords.Output> available = !control.allowOtherInputs() ? List.of() : wallet.database().read(c ->
                BalanceCalculator.available(c, control.minDepth(), control.maxDepth(), control.includeUnsafe()));
        for (TxRecords.Output coin : available) {
            OutPointRef ref = new OutPointRef(coin.txid(), coin.vout());
            if (locked.contains(ref) || chosen.contains(ref) || control.excludedTxids().contains(coin.txid())
                    || dirty.contains(HexFormat.of().formatHex(coin.script()))) {
                continue;
            }
            Script s = Script.of(coin.script());
            if (s.isP2WPKH() || s.isP2TR()) {
                weights.put(ref, inputWeight(s));
                long inputFee = subtractFee ? 0 : fee(inputWeight(s), rate);
                candidates.add(new CoinSelection.Candidate(coin, coin.value() - inputFee));
            }
        }
        CoinSelection.Selection selection;
        if (!preselected.isEmpty() && preselectedTotal >= target) { // Core: preset inputs that cover the target suffice
            selection = new CoinSelection.Selection(preselected, true);
        } else {
            CoinSelection.Selection more = CoinSelection.select(candidates, target - preselectedTotal, costOfChange,
                    changeFee, subtractFee, random).orElseThrow(() -> new WalletError(INSUFFICIENT_FUNDS, "Insufficient funds"));
            List<CoinSelection.Candidate> all = new ArrayList<>(preselected);
            all.addAll(more.coins());
            selection = new CoinSelection.Selection(all, more.withChange());
        }

        long change = selection.effectiveTotal() - target - (subtractFee ? 0 : changeFee);
        int changePosition = -1;
        if (selection.withChange() && change >= dustThreshold(changeScriptLength)) {
            if (control.changePosition().isPresent() && control.changePosition().getAsInt() > outputs.size()) {
                throw new WalletError(WalletError.WALLET_ERROR, "Transaction change output index out of range");
            }
            Script changeScript = control.changeScript()
                    .orElseGet(() -> Address.toScript(wallet.getRawChangeAddress(changeType), wallet.params()));
            changePosition = control.changePosition().orElseGet(() -> random.nextInt(outputs.size() + 1));
            outputs.add(changePosition, new TxOut(change, changeScript));
        }
        long defaultSequence = control.signalRbf() ? SEQUENCE_RBF : SEQUENCE_NO_RBF;
        boolean antiFeeSniping = control.lockTime().isEmpty();
        List<TxIn> inputs = new ArrayList<>();
        List<TxOut> spent = new ArrayList<>();
        long inputTotal = 0;
        int inputsWeight = 0;
        for (CoinSelection.Candidate c : selection.coins()) {
            TxRecords.Output coin = c.coin();
            OutPointRef ref = new OutPointRef(coin.txid(), coin.vout());
            Long sequence = control.sequences().get(ref);
            antiFeeSniping &= sequence == null;
            inputs.add(new TxIn(new OutPoint(Hash256.fromHex(coin.txid()), coin.vout()), Script.EMPTY,
                    sequence != null ? sequence : defaultSequence));
            spent.add(new TxOut(coin.value(), Script.of(coin.script())));
            inputTotal += coin.value();
            inputsWeight += weights.get(ref);
        }
        if (subtractFee) {
            int weight = inputsWeight + TX_OVERHEAD_WEIGHT
                    + outputs.stream().mapToInt(o -> outputWeight(o.scriptPubKey().length())).sum();
            long reduce = fee(weight, rate) - (inputTotal - outputs.stream().mapToLong(TxOut::value).sum());
            subtractFee(outputs, recipients, changePosition, reduce, subtractCount);
        }
        long fee = inputTotal - outputs.stream().mapToLong(TxOut::value).sum();
        if (fee > DEFAULT_MAX_TX_FEE) {
            throw new WalletError(WalletError.WALLET_ERROR, "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");
        }
        // anti fee sniping, as Core: only valid after the wallet's current tip; never with a fixed lock time
        // or an input whose sequence the caller chose
        long lockTime = control.lockTime().orElse(antiFeeSniping ? sync.lastBlock().map(BlockRef::height).orElse(0) : 0);
        return new Funded(new Transaction(2, inputs, outputs, lockTime), spent, fee, changePosition, feeChoice.reason());
    }

    /** Core's COutPoint::ToString: the txid's first ten hex digits and the index. */
    static String describe(OutPointRef ref) {
        return "COutPoint(" + ref.txid().substring(0, 10) + ", " + ref.index() + ")";
    }

    /** The weight of an input spending {@code s} once signed, -1 when the wallet cannot sign for such a script. */
    private static int solvedInputWeight(Script s) {
        return s.isP2WPKH() || s.isP2TR() ? inputWeight(s) : -1;
    }

    /** Takes {@code reduce} out of the marked recipients' outputs in place (Core's SFFO step). */
    private static void subtractFee(List<TxOut> outputs, List<Recipient> recipients, int changePosition, long reduce,
            int count) {
        boolean first = true;
        int i = 0;
        for (Recipient r : recipients) {
            if (i == changePosition) {
                i++;
            }
            if (r.subtractFee()) {
                TxOut o = outputs.get(i);
                long value = o.value() - reduce / count - (first ? reduce % count : 0);
                first = false;
                if (value < dustThreshold(o.scriptPubKey())) {
                    throw new WalletError(WalletError.WALLET_ERROR, value < 0
                            ? "The transaction amount is too small to pay the fee"
                            : "The transaction amount is too small to send after the fee has been deducted");
                }
                outputs.set(i, new TxOut(value, o.scriptPubKey()));
            }
            i++;
        }
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
        return script.isUnspendable() ? 0 : dustThreshold(script.length());
    }

    /** Core's dust rule for witness outputs: spending it (about 67 vbytes) plus the output, at the dust relay fee. */
    static long dustThreshold(int scriptLength) {
        return (8 + 1 + scriptLength + 67) * DUST_RELAY_FEE / 1000;
    }
}
