package org.btcmp.wallet.link;

import java.util.Map;
import org.btcmp.common.args.Args;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
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
 * new or better transport is taken without deactivating it.
 */
@Component(service = NodeLink.class, immediate = true)
public final class DynamicNodeLink implements NodeLink {

    /** Component property: the node's address; in-process by default. */
    static final String NODE_ADDRESS_PROPERTY = "node.address";
    static final IpcAddress DEFAULT_NODE_ADDRESS = IpcAddress.local("node");

    private volatile IpcAddress nodeAddress = DEFAULT_NODE_ADDRESS;
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

    @Activate
    void activate(Map<String, Object> properties) {
        Object address = properties.get(NODE_ADDRESS_PROPERTY);
        if (address != null) {
            nodeAddress = IpcAddress.parse(address.toString());
        }
        if (args != null) {
            try {
                NodeAddress.connectTo(args).ifPresent(a -> nodeAddress = a);
            } catch (IllegalArgumentException e) {
                // a bad -ipcconnect is the wallet's init error (WalletStartup); the link keeps its default
            }
        }
    }

    @Override
    public Init node() {
        IpcAddress address = nodeAddress;
        Transport current = transport; // read once: it may go away while we work
        if (current == null) {
            throw new IpcException("no IPC transport is registered: cannot reach the node at " + address);
        }
        if (!current.supports(address)) {
            throw new IpcException("the registered " + current.scheme() + " transport cannot reach the node at " + address);
        }
        synchronized (this) {
            if (connection == null || connectionTransport != current || !connection.isOpen()) {
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
        return current != null && current.supports(nodeAddress);
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
