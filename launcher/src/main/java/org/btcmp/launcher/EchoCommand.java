package org.btcmp.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.btcmp.interfaces.Echo;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Transport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code bitcoin echo <text>}: starts the monolithic deployment, finds a transport that reaches the
 * node in the service registry, and prints what the node's Echo returns.
 */
final class EchoCommand {
    static final IpcAddress NODE = IpcAddress.local("node");
    private static final Duration STARTUP_BOUND = Duration.ofSeconds(20);

    private final LauncherHome home;

    EchoCommand(LauncherHome home) {
        this.home = home;
    }

    int run(List<String> words, PrintStream out, PrintStream err) {
        try (Framework framework = Framework.start(home, Deployment.MONOLITHIC)) {
            String reply = echo(framework.context(), String.join(" ", words));
            out.println(reply);
            return 0;
        } catch (LaunchException | IpcException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    /** Waits (bounded) for the node to be served, since components activate asynchronously. */
    static String echo(BundleContext context, String message) {
        long deadline = System.nanoTime() + STARTUP_BOUND.toNanos();
        ServiceTracker<Transport, Transport> transports = new ServiceTracker<>(context, transportFilter(), null);
        transports.open();
        try {
            IpcException last = null;
            while (System.nanoTime() < deadline) {
                Transport transport = transports.waitForService(50);
                if (transport != null) {
                    try (Connection connection = transport.connect(NODE); Echo echo = connection.remoteInit().makeEcho()) {
                        return echo.echo(message);
                    } catch (IpcException e) {
                        last = e; // not served yet, or the transport is being swapped: try again
                    }
                }
                Thread.sleep(5);
            }
            throw new IpcException("the node did not come up within " + STARTUP_BOUND.toSeconds() + " s"
                    + (last == null ? ": no IPC transport registered" : ": " + last.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcException("interrupted while waiting for the node");
        } finally {
            transports.close();
        }
    }

    private static Filter transportFilter() {
        try {
            return FrameworkUtil.createFilter("(&(objectClass=" + Transport.class.getName() + ")("
                    + Transport.SCHEME_PROPERTY + "=" + NODE.scheme() + "))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
