package org.btcmp.node;

import org.btcmp.interfaces.Echo;
import org.btcmp.interfaces.Init;
import org.osgi.service.component.annotations.Component;

/** The node's Init: what a wallet or GUI gets first when it connects to the node. */
@Component(service = Init.class, property = NodeInit.PROCESS_PROPERTY + "=node")
public final class NodeInit implements Init {

    /** Service property naming the process an Init belongs to. */
    static final String PROCESS_PROPERTY = "btcmp.process";

    @Override
    public Echo makeEcho() {
        return new NodeEcho();
    }
}
