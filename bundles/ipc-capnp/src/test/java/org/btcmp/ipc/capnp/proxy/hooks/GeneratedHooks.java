package org.btcmp.ipc.capnp.proxy.hooks;

import org.btcmp.ipc.capnp.proxy.ProxyRegistry;

/**
 * The proxies generated from src/test/capnp/hooks.capnp. They are generated and compiled after the test
 * classes (their Java interfaces are test classes), so tests reach them by name.
 */
public final class GeneratedHooks {
    private GeneratedHooks() {
    }

    public static ProxyRegistry registry() {
        try {
            return (ProxyRegistry) Class.forName("org.btcmp.ipc.capnp.proxy.hooks.gen.Proxies").getMethod("registry")
                    .invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the test proxies were not generated (mpgen:proxies test-proxies)", e);
        }
    }
}
