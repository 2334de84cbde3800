package org.btcmp.wallet.core;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.btcmp.common.args.ChainType;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.NodeConfig;
import org.btcmp.node.iface.NodeChain;
import org.btcmp.primitives.ChainParams;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.script.Address;
import org.btcmp.wallet.store.WalletFileException;

/**
 * The process {@link SendReceiveCrashTest} kills: a regtest node and two wallets in one JVM (Core's
 * bitcoind with its wallet), on a data directory that outlives it. Mode "run": opens both wallets
 * (created from fixed mnemonics the first time), then forever pays from one to the other at random and
 * now and then mines, acknowledging on stdout only what returned: "ADDR wallet address OK",
 * "SENT wallet txid OK", "BLOCK height OK". Before that, and alone in mode "check", it checks the
 * wallets it just reopened: mines one block that pays neither, rescans the same seeds from scratch into
 * fresh wallets and prints "MATCH height" or "MISMATCH what".
 */
public final class SendReceiveCrashChild {
    static final String ALICE_WORDS = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"
            + " abandon about";
    static final String BOB_WORDS = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    /** A script no wallet here owns (a zero key hash): blocks that must not change balances pay it. */
    static final Script NOBODY = ScriptBuilder.witness(0, new byte[20]);
    static final long FALLBACK_FEE = 2_000;
    static final long COIN = 100_000_000L;

    private SendReceiveCrashChild() {
    }

    static WalletOptions options() {
        return WalletOptions.of(ChainType.REGTEST).withKeypoolSize(40);
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        PrintStream out = System.out;
        try (BitcoinNode node = BitcoinNode.start(NodeConfig.regtest(dataDir, -1))) {
            NodeChain chain = new NodeChain(node);
            Path wallets = dataDir.resolve("wallets");
            LoadedWallet alice = open(wallets.resolve("alice"), ALICE_WORDS, chain, options(), "alice");
            LoadedWallet bob = open(wallets.resolve("bob"), BOB_WORDS, chain, options(), "bob");
            check(node, chain, dataDir, alice, bob, out); // after the restart, before any new work
            if (args[1].equals("check")) {
                alice.close();
                bob.close();
                return;
            }
            Random random = new Random(Long.parseLong(args[2]));
            while (node.chain().height() < 110) { // coins for both, matured
                mine(node, script(alice.wallet().getNewAddress("bech32", "")));
                mine(node, script(bob.wallet().getNewAddress("bech32m", "")));
            }
            out.println("READY");
            out.flush();
            for (long n = 0; ; n++) {
                int action = random.nextInt(10);
                if (action < 9) {
                    LoadedWallet from = action % 2 == 0 ? alice : bob;
                    LoadedWallet to = from == alice ? bob : alice;
                    String address = to.wallet().getNewAddress(random.nextBoolean() ? "bech32" : "bech32m", "n" + n);
                    out.println("ADDR " + to.name() + " " + address + " OK");
                    long amount = COIN / 100 + random.nextInt((int) COIN);
                    try {
                        WalletSender.Sent sent = from.send(List.of(new WalletSender.Recipient(address, amount)),
                                OptionalLong.of(1_000 + random.nextInt(5_000)));
                        out.println("SENT " + from.name() + " " + sent.txid() + " OK");
                    } catch (WalletError e) {
                        if (e.code() != WalletSender.INSUFFICIENT_FUNDS) {
                            throw e;
                        }
                    }
                } else {
                    mine(node, random.nextBoolean() ? script(alice.wallet().getNewAddress("bech32", "")) : NOBODY);
                    out.println("BLOCK " + node.chain().height() + " OK");
                }
                out.flush();
                if (out.checkError()) {
                    System.exit(3); // the parent is gone: never outlive it
                }
            }
        }
    }

    private static LoadedWallet open(Path dir, String words, NodeChain chain, WalletOptions options, String name) {
        DescriptorWallet wallet;
        try {
            wallet = Files.exists(dir.resolve("wallet.dat")) ? DescriptorWallet.load(dir, options)
                    : DescriptorWallet.create(dir, options, WalletOptions.Seed.mnemonic(words, ""));
        } catch (WalletFileException e) {
            if (e.reason() != WalletFileException.Reason.ALREADY_EXISTS) {
                throw e;
            }
            wallet = DescriptorWallet.load(dir, options); // created before a kill that came before READY
        }
        return LoadedWallet.attach(name, wallet, chain, FALLBACK_FEE);
    }

    private static Script script(String address) {
        return Address.toScript(address, ChainParams.of(ChainType.REGTEST));
    }

    private static void mine(BitcoinNode node, Script to) throws Exception {
        node.miner().generate(to, null);
    }

    private static void check(BitcoinNode node, NodeChain chain, Path dataDir, LoadedWallet alice, LoadedWallet bob,
            PrintStream out) throws Exception {
        mine(node, NOBODY); // what the wallets resubmitted on load confirms, as a rescan will see it
        Path scratch = dataDir.resolve("rescan");
        deleteTree(scratch);
        // birthday at the epoch: the fresh wallets scan the whole chain
        WalletOptions fromScratch = options().withClock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        List<String> problems = new ArrayList<>();
        for (LoadedWallet w : List.of(alice, bob)) {
            String words = w == alice ? ALICE_WORDS : BOB_WORDS;
            try (LoadedWallet fresh = LoadedWallet.attach("fresh-" + w.name(), DescriptorWallet.create(
                    scratch.resolve(w.name()), fromScratch, WalletOptions.Seed.mnemonic(words, "")), chain, FALLBACK_FEE)) {
                if (!w.sync().balances().equals(fresh.sync().balances())) {
                    problems.add(w.name() + " balances " + w.sync().balances() + " but a rescan finds "
                            + fresh.sync().balances());
                }
                List<String> coins = coins(w);
                List<String> rescanned = coins(fresh);
                if (!coins.equals(rescanned)) {
                    problems.add(w.name() + " listunspent " + coins + " but a rescan finds " + rescanned);
                }
                if (!problems.isEmpty()) { // what the node says of the wallet's unconfirmed transactions
                    for (WalletTx tx : w.transactions()) {
                        if (tx.confirmations() == 0) {
                            problems.add(w.name() + " unconfirmed " + tx.txid() + " flagged in mempool " + tx.inMempool()
                                    + ", in the node's mempool " + chain.isInMempool(tx.txid()) + ", abandoned "
                                    + tx.abandoned() + ", locktime " + org.btcmp.primitives.Transaction.fromBytes(tx.raw())
                                    .lockTime() + " at height " + node.chain().height());
                        }
                    }
                }
            }
        }
        deleteTree(scratch);
        out.println(problems.isEmpty() ? "MATCH " + node.chain().height() : "MISMATCH " + String.join("; ", problems));
        out.flush();
    }

    /** listunspent with 0 to 9999999 confirmations, as comparable text, sorted. */
    private static List<String> coins(LoadedWallet w) {
        return w.sync().listUnspent(0, 9_999_999).stream().map(c -> c.txid() + ":" + c.vout() + " " + c.amount() + " "
                + c.confirmations() + " " + HexFormat.of().formatHex(c.scriptPubKey()) + " " + c.safe()).sorted().toList();
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
