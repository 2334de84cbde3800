package org.btcmp.node;

import org.btcmp.interfaces.Chain;
import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.btcmp.interfaces.Mining;
import org.btcmp.interfaces.Node;
import org.btcmp.interfaces.Rpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The node's Init: what a wallet or GUI gets first when it connects to the node. Immediate: a connection
 * keeps the instance it was handed, and a delayed component whose use count drops to zero is disposed with
 * its references unbound, which left such a connection with an Init that never saw the node start.
 */
@Component(service = Init.class, property = NodeInit.PROCESS_PROPERTY + "=node", immediate = true)
public final class NodeInit implements Init {

    /** Service property naming the process an Init belongs to. */
    static final String PROCESS_PROPERTY = "btcmp.process";

    /** The running node's Chain; absent while no node runs (e.g. a container without options). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(" + PROCESS_PROPERTY + "=node)")
    private volatile Chain chain;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(" + PROCESS_PROPERTY + "=node)")
    private volatile Mining mining;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(" + PROCESS_PROPERTY + "=node)")
    private volatile Rpc rpc;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(" + PROCESS_PROPERTY + "=node)")
    private volatile Node node;

    @Override
    public Echo makeEcho() {
        return new NodeEcho();
    }

    @Override
    public Chain makeChain() {
        return running(chain, "Chain");
    }

    @Override
    public Mining makeMining() {
        return running(mining, "Mining");
    }

    @Override
    public Rpc makeRpc() {
        return running(rpc, "Rpc");
    }

    @Override
    public Node makeNode() {
        return running(node, "Node");
    }

    private static <T> T running(T service, String name) {
        if (service == null) {
            throw new IllegalStateException("the node is not running: no " + name + " to give");
        }
        return service;
    }
}
