package org.btcmp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.init.ServerOptions;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletLoader;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * bitcoind's deployment (node and wallet in one process over ipc-local): the node's {@code Node.walletLoader()}
 * reaches the in-process wallets, which the wallet handed to the node through {@code Chain.registerWalletLoader}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class MonolithicWalletLoaderIT {
    private static final long NO_HANG_MS = 30_000;
    private static final long COIN = 100_000_000L;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(BundlesUnderTest.deployment(BundlesUnderTest.MONOLITHIC), junitBundles());
    }

    @Test
    public void theNodesWalletLoaderIsTheInProcessWallets() throws Exception {
        Path dataDir = Files.createTempDirectory("btcmp-monolithic-loader");
        Args args = new ArgsParser(ServerOptions.TABLE, false, dataDir).parse("-regtest", "-datadir=" + dataDir,
                "-rpcport=" + freePort(), "-listen=0");
        ServiceRegistration<Args> options = context.registerService(Args.class, args, null);
        try {
            Node node = context.getService(awaitService(Node.class));
            WalletLoader loader = node.walletLoader();
            long deadline = System.currentTimeMillis() + NO_HANG_MS;
            while (!servesWallets(loader)) {
                assertTrue("the wallet joined the node within " + NO_HANG_MS + " ms", System.currentTimeMillis() < deadline);
                Thread.sleep(20);
            }
            assertEquals(dataDir.resolve("regtest/wallets").toString(), loader.getWalletDir());
            LinkedBlockingQueue<String> loads = new LinkedBlockingQueue<>();
            loader.handleLoadWallet(w -> loads.add(w.getWalletName()));

            Wallet m = loader.createWallet("m", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
            assertEquals("m", loads.poll(NO_HANG_MS, TimeUnit.MILLISECONDS));
            assertEquals(List.of("m"), loader.listWallets());
            assertEquals("[\"m\"]", node.executeRpc("listwallets", "[]", "/"));
            String to = m.getNewAddress("bech32", "");
            node.executeRpc("generatetoaddress", "[101,\"" + to + "\"]", "/");
            assertEquals("in-process notifications are synchronous", 50 * COIN, m.getBalances().trusted());
            assertEquals(List.of("m"), loader.getWallets().stream().map(Wallet::getWalletName).toList());
            loader.unloadWallet("m");
            assertEquals(List.of(), loader.listWallets());
            assertEquals(List.of("m"), loader.listWalletDir());
        } finally {
            options.unregister();
        }
    }

    /** Whether the wallet has handed its loader to the node yet (it starts once the node serves its Chain). */
    private static boolean servesWallets(WalletLoader loader) {
        try {
            loader.getWalletDir();
            return true;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    private <T> ServiceReference<T> awaitService(Class<T> type) throws Exception {
        long deadline = System.currentTimeMillis() + NO_HANG_MS;
        while (System.currentTimeMillis() < deadline) {
            Collection<ServiceReference<T>> found = context.getServiceReferences(type, "(btcmp.process=node)");
            if (!found.isEmpty()) {
                return found.iterator().next();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + type.getSimpleName() + " service within " + NO_HANG_MS + " ms");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
