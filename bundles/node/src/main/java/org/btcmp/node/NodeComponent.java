package org.btcmp.node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.btcmp.common.args.Args;
import org.btcmp.common.args.ArgsException;
import org.btcmp.common.init.ProcessControl;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Mining;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.Rpc;
import org.btcmp.node.iface.NodeChain;
import org.btcmp.node.iface.NodeMining;
import org.btcmp.node.iface.NodeRpc;
import org.btcmp.node.iface.NodeStatus;
import org.btcmp.node.iface.NodeWallets;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * Runs the node inside the OSGi framework with the options the process was started with (the
 * {@link Args} the launcher registers; P2P included: -listen, -port, -bind, -connect, -addnode, as Core), and registers its {@link Chain}, {@link Node} and
 * {@link Mining} and {@link Rpc} services (property btcmp.process=node) for the wallet, GUI and IPC servers.
 * Without options in the registry (a container with no node executable) it never activates. The node
 * starts on its own thread, so activation returns at once and the node's Init is served on its sockets
 * while the chain loads (as Core binds before loading); the services appear once the node runs.
 * The stop RPC shuts the whole process down through {@link ProcessControl}.
 */
@Component(immediate = true, service = {})
public final class NodeComponent {
    private final BundleContext context;
    private final ProcessControl process;
    /** Starts the node off the activation thread, so the IPC sockets are served while the chain loads. */
    private final Thread starting;
    private final NodeStartup startup = new NodeStartup();
    private final ServiceRegistration<NodeStartup> startupRegistration;
    private final IpcCallLog ipcCallLog = new IpcCallLog();
    private final ServiceRegistration<?> ipcCallLogRegistration;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>(); // guarded by this
    private BitcoinNode node; // guarded by this
    private boolean stopped; // guarded by this

    @Activate
    public NodeComponent(BundleContext context, @Reference Args args,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) ProcessControl process) {
        this.context = context;
        this.process = process;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(NodeInit.PROCESS_PROPERTY, "node");
        startupRegistration = context.registerService(NodeStartup.class, startup, props);
        // -debug=ipc: the IPC transport writes a line per call here, from the first call on.
        ipcCallLogRegistration = context.registerService(Consumer.class, ipcCallLog,
                new Hashtable<>(Map.of("btcmp.log", "ipc")));
        starting = new Thread(() -> {
            try {
                start(args);
            } finally {
                startup.ended();
            }
        }, "node-start");
        starting.start();
    }

    private void start(Args args) {
        BitcoinNode started;
        try {
            started = BitcoinNode.start(NodeSettings.read(args), NodeSettings.readP2p(args));
        } catch (ArgsException | IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (process == null) {
                System.getLogger(NodeComponent.class.getName()).log(System.Logger.Level.ERROR, message, e);
            } else {
                process.initError(message.startsWith("Error: ") ? message.substring("Error: ".length()) : message);
            }
            return;
        }
        synchronized (this) {
            if (stopped) {
                closeQuietly(started);
                return;
            }
            node = started;
            register(started);
        }
        if (process != null) {
            Thread watch = new Thread(() -> {
                try {
                    started.awaitStop();
                    process.requestShutdown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "node-stop-watch");
            watch.setDaemon(true);
            watch.start();
        }
    }

    private void register(BitcoinNode node) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(NodeInit.PROCESS_PROPERTY, "node");
        registrations.add(context.registerService(Chain.class, new NodeChain(node), props));
        registrations.add(context.registerService(Node.class, new NodeStatus(node), props));
        registrations.add(context.registerService(Mining.class, new NodeMining(node), props));
        registrations.add(context.registerService(Rpc.class, new NodeRpc(node), props));
        // For the node's own wallet process (WalletProcess), whose loader goes first.
        registrations.add(context.registerService(NodeWallets.class, node.wallets(), props));
        ipcCallLog.started(node);
    }

    private static void closeQuietly(BitcoinNode node) {
        try {
            node.close();
        } catch (IOException e) {
            // stopping anyway
        }
    }

    /**
     * Withdraws the services and closes the node; a start still in progress closes the node itself when
     * it ends (waiting here could deadlock with the framework it registers services in).
     */
    @Deactivate
    void deactivate() throws IOException {
        BitcoinNode running;
        List<ServiceRegistration<?>> registered;
        synchronized (this) {
            stopped = true;
            registered = new ArrayList<>(registrations);
            registrations.clear();
            running = node;
            node = null;
        }
        registered.add(startupRegistration);
        registered.add(ipcCallLogRegistration);
        ipcCallLog.closed();
        // Outside the lock: withdrawing a service deactivates its users here (the wallet process waits for its child).
        for (ServiceRegistration<?> r : registered) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and unregistered it first
            }
        }
        if (running != null) {
            running.close();
        }
    }
}
