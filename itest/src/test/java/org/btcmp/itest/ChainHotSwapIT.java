package org.btcmp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.inject.Inject;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsParser;
import org.btcmp.common.init.ServerOptions;
import org.btcmp.interfaces.Chain;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.wallet.NodeLink;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Hot swap in a running monolithic process with a real node (regtest, {@code -ipcbind=unix}): stopping
 * ipc-local and starting ipc-capnp moves the wallet's link, and the Chain it gets, onto the node's
 * socket, and back again, while the wallet component (the same instance, never re-activated) keeps
 * working. The node's {@code -debug=ipc} lines show the calls that went over Cap'n Proto.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ChainHotSwapIT {
    private static final long NO_HANG_MS = 30_000;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        List<String> bundles = new ArrayList<>(BundlesUnderTest.MONOLITHIC);
        bundles.add("ipc-capnp");
        return options(BundlesUnderTest.deployment(bundles), junitBundles());
    }

    @Test
    public void theWalletsChainMovesToTheOtherTransportAndBackWithoutARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("btcmp-hotswap");
        Bundle local = bundle("org.btcmp.ipc.local");
        Bundle capnp = bundle("org.btcmp.ipc.capnp");
        Bundle wallet = bundle("org.btcmp.wallet");
        capnp.stop(); // the monolithic deployment: in-process transport only
        Args args = new ArgsParser(ServerOptions.TABLE, false, dataDir).parse("-regtest", "-datadir=" + dataDir,
                "-rpcport=" + freePort(), "-listen=0", "-ipcbind=unix", "-debug=ipc");
        ServiceRegistration<Args> options = context.registerService(Args.class, args, null);
        try {
            ServiceReference<NodeLink> linkReference = awaitService(NodeLink.class);
            Object serviceId = linkReference.getProperty("service.id");
            NodeLink link = context.getService(linkReference);
            assertEquals(0, awaitHeight(link));
            assertEquals(IpcAddress.local("node"), link.nodeAddress());
            long connections = link.connectionsMade();
            Path debugLog = dataDir.resolve("regtest/debug.log");
            assertTrue("in-process calls are not IPC", ipcLines(debugLog).isEmpty());

            local.stop();
            capnp.start();

            assertEquals(0, awaitHeight(link));
            assertEquals(IpcAddress.unix(dataDir.resolve("regtest/node.sock")), link.nodeAddress());
            assertEquals("one new connection, over the socket", connections + 1, link.connectionsMade());
            assertTrue("the node served the wallet's Chain over Cap'n Proto: " + ipcLines(debugLog),
                    ipcLines(debugLog).stream().anyMatch(l -> l.contains("IPC server Chain.getHeight")));
            assertEquals(Bundle.ACTIVE, wallet.getState());

            capnp.stop();
            local.start();

            assertEquals(0, awaitHeight(link));
            assertEquals(IpcAddress.local("node"), link.nodeAddress());
            assertEquals("and one more, in-process again", connections + 2, link.connectionsMade());
            ServiceReference<NodeLink> after = context.getServiceReference(NodeLink.class);
            assertEquals("the same registration: never re-activated", serviceId, after.getProperty("service.id"));
            assertSame("the same instance, with its state", link, context.getService(after));
            assertEquals(Bundle.ACTIVE, wallet.getState());
        } finally {
            options.unregister();
        }
    }

    private static List<String> ipcLines(Path debugLog) throws Exception {
        if (!Files.exists(debugLog)) {
            return List.of();
        }
        return Files.readAllLines(debugLog).stream().filter(l -> l.contains("[ipc]")).toList();
    }

    /** The node's height through the wallet's link, retried while the node or the transport comes up. */
    private static int awaitHeight(NodeLink link) throws Exception {
        long deadline = System.currentTimeMillis() + NO_HANG_MS;
        while (true) {
            try {
                Chain chain = link.node().makeChain();
                return chain.getHeight().orElseThrow();
            } catch (RuntimeException notYet) { // IpcException, or the node not started yet
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(20);
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }

    private <T> ServiceReference<T> awaitService(Class<T> type) throws Exception {
        long deadline = System.currentTimeMillis() + NO_HANG_MS;
        while (System.currentTimeMillis() < deadline) {
            Collection<ServiceReference<T>> found = context.getServiceReferences(type, null);
            if (!found.isEmpty()) {
                return found.iterator().next();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + type.getSimpleName() + " service within " + NO_HANG_MS + " ms");
    }
}
