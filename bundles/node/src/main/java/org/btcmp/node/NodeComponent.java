package org.btcmp.node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Mining;
import org.btcmp.interfaces.Node;
import org.btcmp.node.iface.NodeChain;
import org.btcmp.node.iface.NodeMining;
import org.btcmp.node.iface.NodeStatus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Runs the node inside the OSGi framework when a datadir is configured, and registers its
 * {@link Chain}, {@link Node} and {@link Mining} services (property btcmp.process=node) for the
 * wallet, GUI and IPC servers. Without a datadir it stays idle, so deployments without a node
 * are unaffected.
 */
@Component(immediate = true, service = {}, configurationPid = "org.btcmp.node")
public final class NodeComponent {
    private final BitcoinNode node;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public NodeComponent(BundleContext context, Map<String, Object> config) throws IOException {
        Optional<NodeConfig> settings = NodeSettings.read(config, context::getProperty);
        if (settings.isEmpty()) {
            node = null;
            return;
        }
        node = BitcoinNode.start(settings.get());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(NodeInit.PROCESS_PROPERTY, "node");
        registrations.add(context.registerService(Chain.class, new NodeChain(node), props));
        registrations.add(context.registerService(Node.class, new NodeStatus(node), props));
        registrations.add(context.registerService(Mining.class, new NodeMining(node), props));
    }

    @Deactivate
    void deactivate() throws IOException {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and unregistered it first
            }
        }
        registrations.clear();
        if (node != null) {
            node.close();
        }
    }
}
