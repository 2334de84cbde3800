package org.btcmp.gui.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.btcmp.interfaces.Node;
import org.btcmp.ipc.Connection;
import org.btcmp.ipc.IpcAddress;
import org.btcmp.ipc.ProcessSpawner;
import org.btcmp.ipc.SpawnedProcess;
import org.btcmp.ipc.Transport;

/**
 * Where the GUI's node comes from, and what happens when it goes. In order of the options and the services
 * this process has: {@code -ipcconnect} names a node socket (a node that dies there shows as disconnected
 * until a node serves that socket again; one that shut down cleanly ends the GUI too); otherwise a node in
 * this process (bitcoin-qt) serves its Init in-process; otherwise a {@link ProcessSpawner} starts
 * bitcoin-node with {@code -ipcfd} (its death ends the GUI with a message, its clean shutdown with exit 0).
 * The choice is made from registered services, never from knowing which executable this is.
 */
final class GuiRun {
    private static final long RETRY_MILLIS = 500;
    private static final long SERVICE_POLL_MILLIS = 50;
    /** How long -ipcconnect waits for a transport that can reach a socket (the transport bundle starting). */
    private static final long TRANSPORT_WAIT_MILLIS = 5_000;
    /** How long a spawned node may take to exit after its connection ended, or after stop. */
    private static final long CHILD_EXIT_SECONDS = 30;

    private final NodeServices services;
    private final Front front;
    private final Ending ending;
    private final IpcAddress connectTo;
    private final List<String> nodeCommand;
    private volatile boolean stopping;
    private NodeLink link; // guarded by this
    private CompletableFuture<String> ended; // guarded by this
    private Thread thread; // guarded by this

    /**
     * @param connectTo   the node socket -ipcconnect names, or null
     * @param nodeCommand bitcoin-node's command line without -ipcfd (the executable first), for when it must be started
     */
    GuiRun(NodeServices services, Front front, Ending ending, IpcAddress connectTo, List<String> nodeCommand) {
        this.services = services;
        this.front = front;
        this.ending = ending;
        this.connectTo = connectTo;
        this.nodeCommand = List.copyOf(nodeCommand);
    }

    synchronized void start() {
        thread = new Thread(this::run, "gui-node-link");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            if (connectTo != null) {
                runConnected();
            } else {
                runHereOrSpawned();
            }
        } catch (InterruptedException e) {
            // stopping
        } catch (RuntimeException | Error e) { // e.g. no X server answering at DISPLAY
            if (!stopping) {
                ending.fail("The GUI cannot go on: " + e);
            }
        }
    }

    private void runConnected() throws InterruptedException {
        Transport transport = awaitTransport(connectTo);
        if (transport == null) {
            return;
        }
        NodeLink current;
        try {
            current = connect(transport, connectTo);
        } catch (RuntimeException e) {
            ending.fail("Unable to connect to the node at " + connectTo + ": " + e.getMessage());
            return;
        }
        Path socket = Path.of(connectTo.target());
        while (!stopping) {
            String why = serve(current);
            if (why == null) {
                return;
            }
            if (!Files.exists(socket)) {
                // A node that shuts down removes its socket before its connections end: it was stopped.
                front.disconnected("the node shut down");
                ending.shutdown();
                return;
            }
            front.disconnected(why);
            current = reconnect(socket);
            if (current == null) {
                return;
            }
        }
    }

    /** Retries the socket until a node answers there again; null when stopping. */
    private NodeLink reconnect(Path socket) throws InterruptedException {
        while (!stopping) {
            Thread.sleep(RETRY_MILLIS);
            Optional<Transport> transport = services.transportFor(connectTo);
            if (transport.isEmpty() || !Files.exists(socket)) {
                continue;
            }
            try {
                return connect(transport.get(), connectTo);
            } catch (RuntimeException e) {
                // a stale socket, or a node still starting: keep trying
            }
        }
        return null;
    }

    private Transport awaitTransport(IpcAddress address) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TRANSPORT_WAIT_MILLIS);
        while (!stopping) {
            Optional<Transport> transport = services.transportFor(address);
            if (transport.isPresent()) {
                return transport.get();
            }
            if (System.nanoTime() > deadline) {
                ending.fail("No IPC transport in this process can reach the node at " + address);
                return null;
            }
            Thread.sleep(SERVICE_POLL_MILLIS);
        }
        return null;
    }

    private static NodeLink connect(Transport transport, IpcAddress address) {
        Connection connection = transport.connect(address);
        try {
            return new NodeLink(connection.remoteInit().makeNode(), connection, null, address.toString());
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void runHereOrSpawned() throws InterruptedException {
        while (!stopping) {
            Optional<IpcAddress> here = services.inProcessNode();
            Optional<Transport> transport = here.flatMap(services::transportFor);
            if (transport.isPresent()) {
                runInProcess(transport.get(), here.get());
                return;
            }
            Optional<ProcessSpawner> spawner = services.spawner();
            if (spawner.isPresent()) {
                runSpawned(spawner.get());
                return;
            }
            Thread.sleep(SERVICE_POLL_MILLIS);
        }
    }

    /** The node in this process: it goes only when the process stops. */
    private void runInProcess(Transport transport, IpcAddress address) throws InterruptedException {
        NodeLink current;
        try {
            current = connect(transport, address);
        } catch (RuntimeException e) {
            ending.fail("Unable to reach the node in this process at " + address + ": " + e.getMessage());
            return;
        }
        if (serve(current) != null && !stopping) {
            ending.shutdown();
        }
    }

    private void runSpawned(ProcessSpawner spawner) throws InterruptedException {
        SpawnedProcess child;
        Node node;
        try {
            child = spawner.spawn(this::command);
        } catch (RuntimeException e) {
            ending.fail("Cannot start bitcoin-node: " + e.getMessage());
            return;
        }
        try {
            node = child.connection().remoteInit().makeNode();
        } catch (RuntimeException e) {
            child.close();
            ending.fail("The bitcoin-node this GUI started (pid " + child.process().pid() + ") did not serve its Node: "
                    + e.getMessage());
            return;
        }
        if (serve(new NodeLink(node, child.connection(), child, "bitcoin-node pid " + child.process().pid())) == null) {
            return;
        }
        Integer status = exitStatus(child);
        if (status != null && status == 0) {
            front.disconnected("the node shut down");
            ending.shutdown();
        } else {
            ending.fail("The bitcoin-node this GUI started (pid " + child.process().pid() + ") has stopped"
                    + (status == null ? " answering" : " with exit status " + status));
        }
    }

    private List<String> command(int fd) {
        List<String> command = new ArrayList<>(nodeCommand);
        command.add(1, "-ipcfd=" + fd);
        return command;
    }

    private static Integer exitStatus(SpawnedProcess child) throws InterruptedException {
        try {
            return child.exitStatus().get(CHILD_EXIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /**
     * Shows {@code current} and waits until its connection ends: returns why, or null when the GUI is
     * stopping.
     */
    private String serve(NodeLink current) throws InterruptedException {
        CompletableFuture<String> end = new CompletableFuture<>();
        synchronized (this) {
            if (stopping) {
                current.close();
                return null;
            }
            link = current;
            ended = end;
        }
        current.connection().addListener(cause -> end.complete(cause.getMessage()));
        front.connected(current);
        String why;
        try {
            why = end.get();
        } catch (ExecutionException e) {
            why = String.valueOf(e.getCause());
        }
        synchronized (this) {
            link = null;
            ended = null;
        }
        return stopping ? null : why;
    }

    /** The person quit: a node this GUI started is stopped with it (the process then stops). */
    void quit() {
        ending.shutdown();
    }

    /**
     * Ends the GUI's side: a node this GUI started is asked to stop and waited for (bounded), the connection
     * closed, the front closed. Idempotent.
     */
    void stop() {
        NodeLink current;
        Thread running;
        synchronized (this) {
            stopping = true;
            current = link;
            link = null;
            if (ended != null) {
                ended.complete(null);
            }
            running = thread;
        }
        if (running != null) {
            running.interrupt();
        }
        front.close();
        if (current == null) {
            return;
        }
        if (current.spawned() != null) {
            stopSpawned(current);
        }
        current.close();
    }

    private static void stopSpawned(NodeLink current) {
        try {
            current.node().executeRpc("stop", "[]", "/");
        } catch (RuntimeException e) {
            // gone already; waiting below finds out
        }
        try {
            current.spawned().exitStatus().get(CHILD_EXIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            current.spawned().process().destroyForcibly();
        }
    }
}
