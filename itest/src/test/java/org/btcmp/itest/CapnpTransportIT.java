package org.btcmp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.btcmp.ipc.Server;
import org.btcmp.ipc.Transport;
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
 * The Cap'n Proto transport bundle in a real Felix container beside ipc-local: it resolves (the
 * capnproto wrapper, embedded junixsocket with its native library), registers its Transport for unix: and
 * fd:, carries Init -> Echo -> echo through generated proxies over a UNIX socket, and stopping the bundle
 * ends its connections while ipc-local stays registered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CapnpTransportIT {
    private static final long NO_HANG_MS = 10_000;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        List<String> bundles = new ArrayList<>(BundlesUnderTest.MONOLITHIC);
        bundles.add("ipc-capnp");
        return options(BundlesUnderTest.deployment(bundles), junitBundles());
    }

    @Test
    public void bothTransportsAreRegisteredAndTheCapnpOneCarriesCalls() throws Exception {
        Transport capnp = context.getService(awaitTransport("unix"));
        Transport local = context.getService(awaitTransport("local"));
        assertEquals("local", local.scheme());
        assertTrue(capnp.supports(IpcAddress.fd(3)));
        Path dir = Files.createTempDirectory("capnp-it");
        IpcAddress address = IpcAddress.unix(dir.resolve("run/node.sock"));
        Init init = () -> new Echo() {
            @Override
            public String echo(String message) {
                return "capnp: " + message;
            }

            @Override
            public void close() {
            }
        };
        try (Server server = capnp.serve(address, init); Connection connection = capnp.connect(address);
             Echo echo = connection.remoteInit().makeEcho()) {
            assertEquals("capnp: hello", echo.echo("hello"));
            assertEquals("capnp: ünïcödé ✓", echo.echo("ünïcödé ✓"));
        }
    }

    @Test
    public void stoppingTheCapnpBundleEndsItsConnectionsAndLeavesIpcLocal() throws Exception {
        Transport capnp = context.getService(awaitTransport("unix"));
        Path dir = Files.createTempDirectory("capnp-it");
        IpcAddress address = IpcAddress.unix(dir.resolve("node.sock"));
        Init init = () -> new Echo() {
            @Override
            public String echo(String message) {
                return message;
            }

            @Override
            public void close() {
            }
        };
        capnp.serve(address, init);
        Connection connection = capnp.connect(address);
        Echo echo = connection.remoteInit().makeEcho();
        CountDownLatch ended = new CountDownLatch(1);
        connection.addListener(cause -> ended.countDown());

        bundle("org.btcmp.ipc.capnp").stop();

        assertTrue("the connection did not end", ended.await(NO_HANG_MS, TimeUnit.MILLISECONDS));
        try {
            echo.echo("after stop");
            fail("a call over a stopped transport must fail");
        } catch (IpcException expected) {
            // the IPC failure a caller sees
        }
        assertEquals("local", context.getService(awaitTransport("local")).scheme());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }

    private ServiceReference<Transport> awaitTransport(String scheme) throws Exception {
        long deadline = System.currentTimeMillis() + NO_HANG_MS;
        while (System.currentTimeMillis() < deadline) {
            Collection<ServiceReference<Transport>> found = context.getServiceReferences(Transport.class,
                    "(" + Transport.SCHEME_PROPERTY + "=" + scheme + ")");
            if (!found.isEmpty()) {
                return found.iterator().next();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no Transport for " + scheme + " within " + NO_HANG_MS + " ms");
    }
}
