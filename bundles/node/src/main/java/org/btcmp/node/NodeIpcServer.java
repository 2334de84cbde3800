package org.btcmp.node;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.btcmp.common.args.Args;
import org.btcmp.common.init.IpcAddresses;
import org.btcmp.common.init.ProcessControl;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;
import org.btcmp.ipc.Transport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Serves the node's Init on every installed transport that can reach one of the node's addresses
 * (in-process {@code local:node}, and the sockets {@code -ipcbind} names), and follows transports as
 * they come and go: a swap of transport bundles never restarts the node. A socket the node was told
 * to listen on but cannot is fatal, as in Core. Each address served is also registered as an
 * {@link Server} service (btcmp.process=node, {@value #ADDRESS_PROPERTY}), so an in-process consumer
 * such as the wallet's node link can reach the node through whichever transport is installed.
 */
@Component(immediate = true)
public final class NodeIpcServer {

    /** Where the node serves in-process. */
    static final IpcAddress NODE_ADDRESS = IpcAddress.local("node");
    /** Service property of an advertised {@link Server}: the address, as IpcAddress prints it. */
    static final String ADDRESS_PROPERTY = "ipc.address";

    private final Init init;
    private final ProcessControl process;
    private final List<IpcAddress> addresses = new ArrayList<>();
    private final Map<Transport, List<Server>> servers = new ConcurrentHashMap<>();
    private final Map<Server, ServiceRegistration<Server>> advertised = new ConcurrentHashMap<>();
    private final BundleContext context;
    private volatile Thread parentWatch;
    /** How often a node started with -ipcfd looks whether the process that started it is still there. */
    private static final long PARENT_POLL_MILLIS = 200;

    /**
     * Greedy on the options: a process whose Args appear after this component activated (a container
     * the options are given to later) gets its -ipcbind sockets served too.
     */
    @Activate
    public NodeIpcServer(BundleContext context,
            @Reference(target = "(" + NodeInit.PROCESS_PROPERTY + "=node)") Init init,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) Args args,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) ProcessControl process) {
        this.context = context;
        this.init = init;
        this.process = process;
        addresses.add(NODE_ADDRESS);
        if (args != null) {
            if (args.declares("ipcfd")) {
                args.get("ipcfd").ifPresent(this::serveInherited);
            }
            for (String bind : args.getAll("ipcbind")) {
                try {
                    addresses.add(IpcAddress.unix(IpcAddresses.socketPath(bind, args.chainDataDir(), "node")));
                } catch (IllegalArgumentException e) {
                    // NodeSettings reports a bad value as the node's init error; nothing to serve there.
                }
            }
        }
    }

    /**
     * {@code -ipcfd=N}: a process that started this node (bitcoin-gui) holds the other end of descriptor N;
     * the node serves its Init there and lives as long as that process: when it is gone (this process is
     * re-parented) the node shuts down cleanly.
     */
    private void serveInherited(String fd) {
        try {
            addresses.add(IpcAddress.fd(IpcAddresses.fileDescriptor(fd)));
        } catch (IllegalArgumentException e) {
            return; // NodeSettings reports a bad value as the node's init error
        }
        ProcessControl control = process;
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        if (control == null || parent <= 1) {
            return;
        }
        Thread watch = new Thread(() -> {
            try {
                while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == parent) {
                    Thread.sleep(PARENT_POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            }
            control.requestShutdown();
        }, "ipcfd-parent-watch");
        watch.setDaemon(true);
        watch.start();
        parentWatch = watch;
    }

    /** Outside a framework (tests): serves without advertising. */
    NodeIpcServer(Init init, Args args, ProcessControl process) {
        this(null, init, args, process);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindTransport(Transport transport) {
        List<Server> served = new ArrayList<>();
        for (IpcAddress address : addresses) {
            if (!transport.supports(address)) {
                continue;
            }
            try {
                Server server = transport.serve(address, init);
                served.add(server);
                advertise(server);
            } catch (IpcException e) {
                cannotServe(address, e);
            }
        }
        servers.put(transport, served);
    }

    void unbindTransport(Transport transport) {
        List<Server> served = servers.remove(transport);
        if (served != null) {
            served.forEach(this::stop);
        }
    }

    @Deactivate
    void deactivate() {
        Thread watch = parentWatch;
        if (watch != null) {
            watch.interrupt();
        }
        servers.values().forEach(served -> served.forEach(this::stop));
        servers.clear();
    }

    private void advertise(Server server) {
        if (context == null) {
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(NodeInit.PROCESS_PROPERTY, "node");
        props.put(ADDRESS_PROPERTY, server.address().toString());
        advertised.put(server, context.registerService(Server.class, server, props));
    }

    private void stop(Server server) {
        ServiceRegistration<Server> registration = advertised.remove(server);
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and unregistered it first
            }
        }
        server.close();
    }

    private void cannotServe(IpcAddress address, IpcException e) {
        if (address.equals(NODE_ADDRESS) || process == null) {
            // In-process: another node already serves here or the transport is stopping; nothing to undo.
            System.getLogger(NodeIpcServer.class.getName())
                    .log(System.Logger.Level.WARNING, "cannot serve " + address + ": " + e.getMessage());
            return;
        }
        process.initError("Unable to bind to IPC address '" + address + "': " + e.getMessage());
    }
}
