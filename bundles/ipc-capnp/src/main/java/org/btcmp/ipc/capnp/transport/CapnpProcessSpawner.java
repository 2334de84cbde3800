package org.btcmp.ipc.capnp.transport;

import java.util.List;
import java.util.function.IntFunction;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.ProcessSpawner;
import org.btcmp.ipc.SpawnedProcess;
import org.btcmp.ipc.capnp.gen.Proxies;
import org.btcmp.ipc.capnp.net.FrameConnection;
import org.btcmp.ipc.capnp.process.ChildProcessBuilder;
import org.btcmp.ipc.capnp.process.SocketChild;
import org.btcmp.ipc.capnp.proxy.ProxyConnection;
import org.btcmp.ipc.capnp.proxy.ProxyRegistry;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.osgi.service.component.annotations.Component;

/**
 * Starts a child with one end of a socket pair as an inherited descriptor whose number is on its command
 * line (Core's {@code -ipcfd=N}), and connects to the Init it serves there through generated proxies.
 */
@Component(service = ProcessSpawner.class)
public final class CapnpProcessSpawner implements ProcessSpawner {
    private final ProxyRegistry registry = Proxies.registry();

    @Override
    public SpawnedProcess spawn(IntFunction<List<String>> commandForFd) {
        SocketChild child = new ChildProcessBuilder(commandForFd).start();
        ProxyConnection proxies;
        Init remote;
        try {
            FrameConnection frames = new FrameConnection(child.channel(), "fd:" + child.inheritedFd() + " of pid "
                    + child.pid(), FrameLimits.DEFAULT);
            proxies = ProxyConnection.start(frames, registry, Init.class, null);
            remote = proxies.bootstrap(Init.class);
        } catch (RuntimeException e) {
            child.destroyForcibly();
            throw e;
        }
        CapnpConnection connection = new CapnpConnection(proxies, remote, c -> {
        });
        return new SpawnedProcess() {
            @Override
            public org.btcmp.ipc.Connection connection() {
                return connection;
            }

            @Override
            public ProcessHandle process() {
                return child.process();
            }

            @Override
            public java.util.concurrent.CompletableFuture<Integer> exitStatus() {
                return child.onExit();
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }
}
