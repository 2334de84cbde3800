package org.btcmp.gui.run;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.btcmp.common.args.Args;
import org.btcmp.common.init.GuiOptions;
import org.btcmp.common.init.IpcAddresses;
import org.btcmp.common.init.ProcessControl;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.ProcessSpawner;
import org.btcmp.ipc.Server;
import org.btcmp.ipc.Transport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The GUI executables' component (bitcoin-qt, bitcoin-gui): reads the options, then reaches the node through
 * whichever IPC services this process has (see {@link GuiRun}) and shows it in a window, or as lines on
 * stdout with {@code -headless} (or {@value GuiOptions#HEADLESS_ENV}=1). The transports are dynamic
 * references: they may register after this component activates.
 */
@Component(immediate = true, service = {})
public final class GuiStartup {
    /** The system property naming the folder of the executables (set by bin/bitcoin). */
    static final String BIN_PROPERTY = "btcmp.bin";

    @Reference
    private Args args;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private ProcessControl process;
    private final Set<Transport> transports = ConcurrentHashMap.newKeySet();
    private final Map<Server, IpcAddress> nodeServers = new ConcurrentHashMap<>();
    private volatile ProcessSpawner spawner;
    private GuiRun run;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeTransport")
    void addTransport(Transport transport) {
        transports.add(transport);
    }

    void removeTransport(Transport transport) {
        transports.remove(transport);
    }

    /** A node in this process advertises where it serves its Init (bitcoin-qt). */
    @Reference(service = Server.class, target = "(btcmp.process=node)", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeNodeServer")
    void addNodeServer(Server server) {
        nodeServers.put(server, server.address());
    }

    void removeNodeServer(Server server) {
        nodeServers.remove(server);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSpawner")
    void setSpawner(ProcessSpawner spawner) {
        this.spawner = spawner;
    }

    void removeSpawner(ProcessSpawner gone) {
        if (spawner == gone) {
            spawner = null;
        }
    }

    @Activate
    void activate() {
        IpcAddress connectTo = null;
        if (args.declares("ipcconnect") && !args.isNegated("ipcconnect") && args.get("ipcconnect").isPresent()) {
            String value = args.get("ipcconnect").get();
            try {
                connectTo = IpcAddress.unix(IpcAddresses.socketPath(value.isEmpty() ? "unix" : value, args.chainDataDir(), "node"));
            } catch (IllegalArgumentException e) {
                fail("Unable to connect to IPC address '" + value + "'. " + e.getMessage());
                return;
            }
        }
        boolean headless = args.declares("headless") && args.getBool("headless", false)
                || "1".equals(System.getenv(GuiOptions.HEADLESS_ENV));
        if (!headless && GraphicsEnvironment.isHeadless()) {
            fail("No display to open the GUI on (DISPLAY is not set); run with -headless for no window");
            return;
        }
        Ending ending = new Ending() {
            @Override
            public void shutdown() {
                if (process != null) {
                    process.requestShutdown();
                }
            }

            @Override
            public void fail(String message) {
                GuiStartup.this.fail(message);
            }
        };
        GuiRun[] self = new GuiRun[1];
        Front front = headless ? new HeadlessFront(System.out)
                : new WindowFront(false, () -> self[0].quit());
        synchronized (this) {
            run = new GuiRun(services(), front, ending, connectTo, nodeCommand());
            self[0] = run;
            run.start();
        }
    }

    private NodeServices services() {
        return new NodeServices() {
            @Override
            public Optional<Transport> transportFor(IpcAddress address) {
                return transports.stream().filter(t -> t.supports(address)).findFirst();
            }

            @Override
            public Optional<IpcAddress> inProcessNode() {
                return nodeServers.values().stream().filter(a -> transportFor(a).isPresent()).findFirst();
            }

            @Override
            public Optional<ProcessSpawner> spawner() {
                return Optional.ofNullable(spawner);
            }
        };
    }

    /** bitcoin-node with this GUI's data directory and every node option given to the GUI. */
    private List<String> nodeCommand() {
        List<String> command = new ArrayList<>();
        String bin = System.getProperty(BIN_PROPERTY);
        command.add(bin == null ? "bitcoin-node" : Path.of(bin, "bitcoin-node").toString());
        command.add("-datadir=" + args.dataDir().toAbsolutePath());
        command.addAll(args.commandLine(name -> GuiOptions.passedToNode(name) && !name.equals("datadir")));
        return command;
    }

    private void fail(String message) {
        if (process == null) {
            throw new IllegalStateException(message);
        }
        process.initError(message);
    }

    @Deactivate
    synchronized void deactivate() {
        if (run != null) {
            run.stop();
        }
    }
}
