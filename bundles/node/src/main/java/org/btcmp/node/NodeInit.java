package org.btcmp.node;

import java.util.function.Supplier;
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

    private static final long WARMUP_WAIT_MILLIS = 30_000;

    /** Present while and after the node starts in this process. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(" + PROCESS_PROPERTY + "=node)")
    private volatile NodeStartup startup;

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
        return running(() -> chain, "Chain");
    }

    @Override
    public Mining makeMining() {
        return running(() -> mining, "Mining");
    }

    @Override
    public Rpc makeRpc() {
        return running(() -> rpc, "Rpc");
    }

    @Override
    public Node makeNode() {
        return running(() -> node, "Node");
    }

    /**
     * The service once the node runs: a node still starting (the sockets are served before the chain
     * loads) is waited for, up to {@value #WARMUP_WAIT_MILLIS} ms; one whose start failed is not.
     */
    private <T> T running(Supplier<T> service, String name) {
        T found = service.get();
        NodeStartup starting = startup;
        if (found == null && starting != null) {
            starting.await(WARMUP_WAIT_MILLIS);
            found = service.get();
        }
        if (found == null) {
            throw new IllegalStateException("the node is not running: no " + name + " to give");
        }
        return found;
    }
}
