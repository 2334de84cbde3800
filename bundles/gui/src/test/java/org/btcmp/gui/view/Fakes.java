package org.btcmp.gui.view;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.Handler;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.PeerInfo;
import org.btcmp.interfaces.RpcCommand;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletBalances;
import org.btcmp.interfaces.WalletLoader;

/** Deterministic Node, Wallet and WalletLoader for screenshots and form tests: fixed data, fixed times. */
final class Fakes {
    /** 2026-01-03 12:00:00 UTC, the fake tip's time (mock time: nothing here reads the clock). */
    static final long TIP_TIME = 1_767_441_600L;
    static final String TIP_HASH = "3f1c0a5e7b2d9c48e61f0a7b3c5d9e2f4a6b8c0d1e3f5a7b9c1d3e5f7a9b1c3d";
    /** A fixed regtest P2WPKH address (witness program 0x11 repeated), encoded by the node's codecs. */
    static final String ADDRESS = org.btcmp.primitives.script.Address.fromScript(
            org.btcmp.primitives.ScriptBuilder.witness(0, filled(20, 0x11)),
            org.btcmp.primitives.ChainParams.of(org.btcmp.common.args.ChainType.REGTEST)).orElseThrow();
    static final String OTHER_ADDRESS = org.btcmp.primitives.script.Address.fromScript(
            org.btcmp.primitives.ScriptBuilder.witness(0, filled(20, 0x22)),
            org.btcmp.primitives.ChainParams.of(org.btcmp.common.args.ChainType.REGTEST)).orElseThrow();

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private Fakes() {
    }

    static void await(java.util.concurrent.CountDownLatch gate) {
        try {
            if (gate != null && !gate.await(Edt.NO_HANG_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void throwFault(Throwable fault) {
        if (fault instanceof Error e) {
            throw e;
        }
        if (fault instanceof RuntimeException e) {
            throw e;
        }
    }

    static final class FakeNode implements Node {
        volatile int height = 1234;
        /** While set, every call fails as a lost transport does. */
        volatile boolean gone;
        final List<BlockTipChanged> tipListeners = new CopyOnWriteArrayList<>();
        volatile String transactionsJson = """
                [{"address":"%1$s","category":"receive","amount":1.50000000,"label":"rent","confirmations":12,
                  "txid":"a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90","time":1767430800},
                 {"address":"%2$s","category":"send","amount":-0.20000000,"label":"",
                  "confirmations":3,"txid":"0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0","time":1767434400},
                 {"address":"%1$s","category":"immature","amount":50.00000000,"label":"","confirmations":40,
                  "txid":"5555555555555555555555555555555555555555555555555555555555555555","time":1767438000}]
                """.formatted(ADDRESS, OTHER_ADDRESS);

        /** While set, getTip waits for it to open: a slow node. */
        volatile java.util.concurrent.CountDownLatch gate;

        /** While set (an Error or a RuntimeException), getTip and executeRpc throw it: a bug behind the interface. */
        volatile Throwable fault;

        @Override
        public BlockRef getTip() {
            await(gate);
            throwFault(fault);
            if (gone) {
                throw new org.btcmp.ipc.IpcException("connection to the node lost");
            }
            return new BlockRef(TIP_HASH, height);
        }

        /** The tip as a notification carries it, even while calls fail. */
        BlockRef getTipUnchecked() {
            return new BlockRef(TIP_HASH, height);
        }

        @Override
        public BlockRef getHeaderTip() {
            return getTip();
        }

        @Override
        public double getVerificationProgress() {
            return 0.9875;
        }

        @Override
        public long getMempoolSize() {
            return 7;
        }

        @Override
        public long getMempoolBytes() {
            return 4_321;
        }

        @Override
        public boolean getNetworkActive() {
            return true;
        }

        @Override
        public void setNetworkActive(boolean active) {
        }

        @Override
        public int getNodeCount() {
            return 3;
        }

        @Override
        public List<PeerInfo> getPeers() {
            return List.of();
        }

        @Override
        public long getTotalBytesRecv() {
            return 0;
        }

        @Override
        public long getTotalBytesSent() {
            return 0;
        }

        @Override
        public Handler handleNotifyNumConnectionsChanged(NumConnectionsChanged listener) {
            return () -> { };
        }

        @Override
        public Handler handleNotifyNetworkActiveChanged(NetworkActiveChanged listener) {
            return () -> { };
        }

        @Override
        public Handler handleNotifyBlockTip(BlockTipChanged listener) {
            tipListeners.add(listener);
            return () -> tipListeners.remove(listener);
        }

        @Override
        public String executeRpc(String command, String paramsJson, String uri) {
            throwFault(fault);
            return switch (command) {
                case "getblockchaininfo" -> "{\"chain\":\"regtest\",\"blocks\":" + height + "}";
                case "getblockheader" -> "{\"hash\":\"" + TIP_HASH + "\",\"time\":" + TIP_TIME + "}";
                case "listtransactions" -> transactionsJson;
                default -> throw new RpcCommand.RpcError(-32601, "Method not found");
            };
        }
    }

    static final class FakeWallet implements Wallet {
        volatile WalletBalances balances = new WalletBalances(150_000_000L, 2_500_000L, 5_000_000_000L);
        final List<String> sends = new CopyOnWriteArrayList<>();
        final List<BalanceChangedListener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public String getWalletName() {
            return "demo";
        }

        @Override
        public WalletBalances getBalances() {
            return balances;
        }

        @Override
        public String getNewAddress(String outputType, String label) {
            await(gate);
            return ADDRESS;
        }

        /** While set, getNewAddress waits for it to open: a slow wallet. */
        volatile java.util.concurrent.CountDownLatch gate;

        /** While set (an Error or a RuntimeException), sendToAddress throws it. */
        volatile Throwable sendFault;

        @Override
        public String sendToAddress(String address, long amount, long feeRate) {
            throwFault(sendFault);
            sends.add(address + " " + amount + " " + feeRate);
            return "c0ffee".repeat(10) + "c0ff";
        }

        /** 25 sat/vB for 2 blocks or less, 12 sat/vB for longer targets (the fake node's estimates). */
        @Override
        public long getFeeRate(int confTarget) {
            return confTarget <= 2 ? 25_000 : 12_000;
        }

        /** A fixed 141 vB transaction. */
        @Override
        public long estimateSendFee(String address, long amount, long feeRate) {
            throwFault(sendFault);
            return feeRate * 141 / 1000;
        }

        @Override
        public Handler handleBalanceChanged(BalanceChangedListener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public Handler handleUnload(UnloadListener listener) {
            return () -> { }; // the fake is never unloaded
        }
    }

    static final class FakeLoader implements WalletLoader {
        final List<Wallet> wallets = new ArrayList<>();

        FakeLoader(Wallet... loaded) {
            wallets.addAll(List.of(loaded));
        }

        @Override
        public Wallet createWallet(String name, String passphrase, long flags) {
            throw new UnsupportedOperationException("not in screenshots");
        }

        @Override
        public Wallet loadWallet(String name) {
            throw new UnsupportedOperationException("not in screenshots");
        }

        @Override
        public void unloadWallet(String name) {
        }

        @Override
        public List<String> listWallets() {
            return wallets.stream().map(Wallet::getWalletName).toList();
        }

        @Override
        public List<String> listWalletDir() {
            return listWallets();
        }

        @Override
        public String getWalletDir() {
            return "/fake/wallets";
        }

        @Override
        public boolean isEncrypted(String name) {
            return false;
        }

        @Override
        public List<Wallet> getWallets() {
            return List.copyOf(wallets);
        }

        @Override
        public Handler handleLoadWallet(LoadWalletListener listener) {
            return () -> { };
        }
    }
}
