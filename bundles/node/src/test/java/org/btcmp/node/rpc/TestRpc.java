package org.btcmp.node.rpc;

import java.nio.file.Path;

/** A public handle on the package's test HTTP client for tests in other packages. */
public final class TestRpc {
    private final RpcClient client;

    public TestRpc(int port, Path cookie) throws java.io.IOException {
        client = RpcClient.withCookie(port, cookie);
    }

    /** Posts {@code body} to {@code path}; returns the reply body. */
    public String post(String path, String body) throws java.io.IOException {
        return client.post(path, body).body().trim();
    }
}
