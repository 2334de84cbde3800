package org.btcmp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.nio.channels.Channel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The native pieces embedded in the ipc-capnp bundle (junixsocket, jnr-posix with jnr-ffi and jffi) load and
 * work inside Felix: a node.sock listener is bound 0600, and a child is spawned with its inherited socket.
 * The classes are private to the bundle (the transport service will expose them), hence the reflection.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CapnpNativeIT {
    private static final long NO_HANG_SECONDS = 60;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(BundlesUnderTest.deployment(List.of("ipc-capnp")), junitBundles());
    }

    @Test
    public void aChildIsSpawnedWithItsInheritedSocket() throws Exception {
        Class<?> builderType = capnp().loadClass("org.btcmp.ipc.capnp.process.ChildProcessBuilder");
        IntFunction<List<String>> command = fd -> List.of("/bin/sh", "-c", "test -S /proc/$$/fd/" + fd + " && exit 5");
        Object builder = builderType.getConstructor(IntFunction.class).newInstance(command);

        Object child = builderType.getMethod("start").invoke(builder);

        try (Channel ours = (Channel) child.getClass().getMethod("channel").invoke(child)) {
            CompletableFuture<?> exit = (CompletableFuture<?>) child.getClass().getMethod("onExit").invoke(child);
            assertEquals("the child found a socket at its descriptor", 5, exit.get(NO_HANG_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    public void aListenerIsBoundOwnerOnly() throws Exception {
        Path dir = Files.createTempDirectory("capnp-native-it");
        Path socket = dir.resolve("regtest/node.sock");
        Class<?> sockets = capnp().loadClass("org.btcmp.ipc.capnp.net.UnixSockets");
        Class<?> limits = capnp().loadClass("org.btcmp.ipc.capnp.wire.FrameLimits");

        Object listener = sockets.getMethod("listen", Path.class, limits).invoke(null, socket, limits.getField("DEFAULT").get(null));
        try {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        } finally {
            ((AutoCloseable) listener).close();
        }
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        Files.delete(socket.getParent());
        Files.delete(dir);
    }

    private Bundle capnp() {
        for (Bundle bundle : context.getBundles()) {
            if ("org.btcmp.ipc.capnp".equals(bundle.getSymbolicName())) {
                try {
                    bundle.start(); // an unresolvable bundle says why here
                } catch (BundleException e) {
                    throw new AssertionError("ipc-capnp does not start: " + e.getMessage(), e);
                }
                assertEquals("ipc-capnp resolves and starts", Bundle.ACTIVE, bundle.getState());
                return bundle;
            }
        }
        assertNotNull("ipc-capnp is installed", null);
        return null;
    }
}
