package org.btcmp.node;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.IpcException;
import org.btcmp.ipc.Server;
import org.btcmp.ipc.Transport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Serves the node's Init on every installed transport that can reach the node's address, and
 * follows transports as they come and go: a swap of transport bundles never restarts the node.
 */
@Component(immediate = true)
public final class NodeIpcServer {

    /** Where the node serves in-process; socket addresses come with the deployments. */
    static final IpcAddress NODE_ADDRESS = IpcAddress.local("node");

    private final Init init;
    private final Map<Transport, Server> servers = new ConcurrentHashMap<>();

    @Activate
    public NodeIpcServer(@Reference(target = "(" + NodeInit.PROCESS_PROPERTY + "=node)") Init init) {
        this.init = init;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindTransport(Transport transport) {
        if (!transport.supports(NODE_ADDRESS)) {
            return;
        }
        try {
            servers.put(transport, transport.serve(NODE_ADDRESS, init));
        } catch (IpcException e) {
            // Another node already serves here or the transport is stopping: nothing to undo.
            System.getLogger(NodeIpcServer.class.getName())
                    .log(System.Logger.Level.WARNING, "cannot serve " + NODE_ADDRESS + ": " + e.getMessage());
        }
    }

    void unbindTransport(Transport transport) {
        Server server = servers.remove(transport);
        if (server != null) {
            server.close();
        }
    }

    @Deactivate
    void deactivate() {
        servers.values().forEach(Server::close);
        servers.clear();
    }
}
