package org.btcmp.wallet.link;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.btcmp.common.args.Args;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;
import org.btcmp.ipc.Transport;
import org.btcmp.wallet.NodeLink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@link NodeLink} over an optional, dynamic, greedy reference to the transport (the one exception
 * to constructor injection, DESIGN.md): the component stays active with no transport at all, and a
 * new or better transport is taken without deactivating it. The node's address is the one it
 * advertises (a {@link Server} service with btcmp.process=node) for the current transport's scheme, so
 * a swap from ipc-local to ipc-capnp moves the link from {@code local:node} to the node's socket;
 * without advertisements, {@code local:node} or the configured {@value #NODE_ADDRESS_PROPERTY}.
 */
@Component(service = NodeLink.class, immediate = true)
public final class DynamicNodeLink implements NodeLink {

    /** Component property: the node's address; in-process by default. */
    static final String NODE_ADDRESS_PROPERTY = "node.address";
    static final IpcAddress DEFAULT_NODE_ADDRESS = IpcAddress.local("node");

    private volatile IpcAddress nodeAddress = DEFAULT_NODE_ADDRESS;
    private volatile boolean addressConfigured;
    private final Map<Server, IpcAddress> advertised = new ConcurrentHashMap<>();
    /** The process's options, when it was started by an executable: -ipcconnect moves the node's address. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private Args args;
    private volatile Transport transport;
    private Connection connection; // guarded by this; made through the transport it belongs to
    private Transport connectionTransport; // guarded by this
    private long connectionsMade; // guarded by this

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setTransport(Transport transport) {
        this.transport = transport;
    }

    void unsetTransport(Transport gone) {
        Connection stale = null;
        synchronized (this) {
            if (connectionTransport == gone) {
                stale = connection;
                connection = null;
                connectionTransport = null;
            }
        }
        if (stale != null) {
            stale.close();
        }
        // SCR calls set(new) before unset(old) on a greedy replacement: only clear our own.
        if (transport == gone) {
            transport = null;
        }
    }

    @Reference(service = Server.class, target = "(btcmp.process=node)", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeNodeServer")
    void addNodeServer(Server server) {
        advertised.put(server, server.address());
    }

    void removeNodeServer(Server server) {
        advertised.remove(server);
    }

    @Activate
    void activate(Map<String, Object> properties) {
        Object address = properties.get(NODE_ADDRESS_PROPERTY);
        if (address != null) {
            nodeAddress = IpcAddress.parse(address.toString());
            addressConfigured = true;
        }
        if (args != null) {
            try {
                NodeAddress.connectTo(args).ifPresent(a -> {
                    nodeAddress = a;
                    addressConfigured = true;
                });
            } catch (IllegalArgumentException e) {
                // a bad -ipcconnect is the wallet's init error (WalletStartup); the link keeps its default
            }
        }
    }

    /** Where the node is reached through {@code current}: a configured address, else one the node serves there. */
    private IpcAddress addressFor(Transport current) {
        if (!addressConfigured && current != null && !current.supports(nodeAddress)) {
            for (IpcAddress address : advertised.values()) {
                if (current.supports(address)) {
                    return address;
                }
            }
        }
        return nodeAddress;
    }

    @Override
    public IpcAddress nodeAddress() {
        return addressFor(transport);
    }

    @Override
    public Init node() {
        Transport current = transport; // read once: it may go away while we work
        IpcAddress address = addressFor(current);
        if (current == null) {
            throw new IpcException("no IPC transport is registered: cannot reach the node at " + address);
        }
        if (!current.supports(address)) {
            throw new IpcException("the registered " + current.scheme() + " transport cannot reach the node at " + address);
        }
        synchronized (this) {
            if (connection == null || connectionTransport != current || !connection.isOpen()) {
                if (connection != null) {
                    connection.close();
                }
                connection = current.connect(address);
                connectionTransport = current;
                connectionsMade++;
            }
            return connection.remoteInit();
        }
    }

    @Override
    public boolean transportAvailable() {
        Transport current = transport;
        return current != null && current.supports(addressFor(current));
    }

    @Override
    public synchronized long connectionsMade() {
        return connectionsMade;
    }

    @Deactivate
    synchronized void deactivate() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
