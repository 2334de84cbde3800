package org.btcmp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Transport;
import org.btcmp.wallet.NodeLink;
import org.junit.Before;
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

/**
 * The monolithic deployment in a real Felix container: the in-process transport is found in the
 * service registry, carries Init -> Echo -> echo, and can be stopped and started under a running
 * consumer (the wallet's NodeLink) that is never restarted and keeps its state. A connection ends
 * with the Init it was made to, so nobody keeps a disposed one.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class TransportSwapIT {
    private static final IpcAddress NODE = IpcAddress.local("node");
    private static final long NO_HANG_MS = 10_000;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(
                BundlesUnderTest.deployment(BundlesUnderTest.MONOLITHIC),
                junitBundles());
    }

    /** A bundle that did not resolve would otherwise show up only as a missing service. */
    @Before
    public void everyBundleIsActive() {
        List<String> inactive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                inactive.add(bundle.getSymbolicName() + " (state " + bundle.getState() + ")");
            }
        }
        assertEquals("bundles that did not start", List.of(), inactive);
    }

    @Test
    public void theLocalTransportIsInTheServiceRegistry() throws Exception {
        ServiceReference<Transport> reference = awaitTransport();
        assertEquals("org.btcmp.ipc.local", reference.getBundle().getSymbolicName());
        assertEquals("local", reference.getProperty(Transport.SCHEME_PROPERTY));
        assertEquals("local", context.getService(reference).scheme());
    }

    @Test
    public void initMakesAnEchoThatEchoesThroughTheTransport() throws Exception {
        Transport transport = context.getService(awaitTransport());
        try (Connection connection = awaitNode(transport); Echo echo = connection.remoteInit().makeEcho()) {
            assertEquals("hello", echo.echo("hello"));
            assertEquals("ünïcödé ✓", echo.echo("ünïcödé ✓"));
        }
    }

    @Test
    public void stoppingTheTransportIsSeenByConsumersAndStartingItAgainRewiresThem() throws Exception {
        ServiceReference<NodeLink> linkReference = awaitService(NodeLink.class);
        NodeLink link = context.getService(linkReference);
        Object serviceId = linkReference.getProperty("service.id");
        assertEquals("hello", awaitEcho(link, "hello"));
        long connectionsBefore = link.connectionsMade();
        Transport stale = context.getService(awaitTransport());
        Bundle transportBundle = bundle("org.btcmp.ipc.local");
        Bundle walletBundle = bundle("org.btcmp.wallet");

        transportBundle.stop();

        assertFalse("the consumer sees the transport go", link.transportAvailable());
        try {
            link.node();
            fail("a call with no transport must fail");
        } catch (IpcException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("no IPC transport"));
        }
        try {
            stale.connect(NODE);
            fail("an in-flight lookup through the stopped transport must fail");
        } catch (IpcException expected) {
            assertEquals("local transport stopped", expected.getMessage());
        }
        assertEquals("the consumer bundle is never stopped", Bundle.ACTIVE, walletBundle.getState());

        transportBundle.start();

        assertEquals("hello again", awaitEcho(link, "hello again"));
        ServiceReference<NodeLink> after = context.getServiceReference(NodeLink.class);
        assertEquals("the same registration: the component was not re-activated", serviceId, after.getProperty("service.id"));
        assertSame("the same instance, with its state", link, context.getService(after));
        assertEquals("one new connection through the new transport", connectionsBefore + 1, link.connectionsMade());
        assertEquals(Bundle.ACTIVE, walletBundle.getState());
    }

    @Test
    public void restartingTheNodeEndsConnectionsToItsOldInitAndNewOnesReachTheNewInit() throws Exception {
        Transport transport = context.getService(awaitTransport());
        Connection old = awaitNode(transport);
        Init oldInit = old.remoteInit();
        CountDownLatch ended = new CountDownLatch(1);
        old.addListener(cause -> ended.countDown());
        Bundle node = bundle("org.btcmp.node");

        node.stop(); // disposes the NodeInit this connection holds
        node.start();

        assertTrue("the connection to the disposed Init ends", ended.await(NO_HANG_MS, TimeUnit.MILLISECONDS));
        assertFalse(old.isOpen());
        try {
            old.remoteInit();
            fail("the disposed Init must not be handed out any more");
        } catch (IpcException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("local:node is no longer served"));
        }
        try (Connection fresh = awaitNode(transport); Echo echo = fresh.remoteInit().makeEcho()) {
            assertNotSame("the new component's Init", oldInit, fresh.remoteInit());
            assertEquals("alive", echo.echo("alive"));
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

    private ServiceReference<Transport> awaitTransport() throws Exception {
        return awaitService(Transport.class);
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

    /** The node serves once its component activates; SCR does that asynchronously. */
    private Connection awaitNode(Transport transport) throws Exception {
        long deadline = System.currentTimeMillis() + NO_HANG_MS;
        while (true) {
            try {
                Connection connection = transport.connect(NODE);
                assertNotNull(connection.remoteInit());
                return connection;
            } catch (IpcException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(10);
            }
        }
    }

    private String awaitEcho(NodeLink link, String message) throws Exception {
        long deadline = System.currentTimeMillis() + NO_HANG_MS;
        while (true) {
            try (Echo echo = link.node().makeEcho()) {
                return echo.echo(message);
            } catch (IpcException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(10);
            }
        }
    }
}
