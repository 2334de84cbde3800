package org.btcmp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployments are lists of bundles and nothing else; the executables choose among them. */
class DeploymentTest {

    @Test
    void monolithicIsNodeAndWalletOverTheInProcessTransport() {
        assertEquals(List.of("primitives.jar", "ipc-local.jar", "node.jar", "wallet.jar"), Deployment.MONOLITHIC.bundles());
    }

    @Test
    void theNodeDeploymentHasNoWalletBundle() {
        assertTrue(Deployment.NODE.bundles().contains("node.jar"));
        assertTrue(!Deployment.NODE.bundles().contains("wallet.jar"));
    }

    @Test
    void disablewalletLeavesTheWalletBundleOut() {
        assertEquals(List.of("primitives.jar", "ipc-local.jar", "node.jar"), Deployment.MONOLITHIC.without("wallet.jar").bundles());
    }
}
