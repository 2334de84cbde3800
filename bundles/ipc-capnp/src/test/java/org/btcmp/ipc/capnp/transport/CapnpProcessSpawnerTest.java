package org.btcmp.ipc.capnp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.btcmp.interfaces.Echo;
import org.btcmp.ipc.SpawnedProcess;
import org.junit.jupiter.api.Test;

/** The ProcessSpawner service: a child JVM gets a socket as an inherited fd named on its command line and serves its Init there. */
class CapnpProcessSpawnerTest {

    @Test
    void aSpawnedChildServesItsInitOnTheInheritedDescriptorAndExitsWhenClosed() throws Exception {
        List<Integer> fds = new ArrayList<>();
        SpawnedProcess spawned = new CapnpProcessSpawner().spawn(fd -> {
            fds.add(fd);
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", "-cp",
                    classPath(), SpawnedInitChild.class.getName(), Integer.toString(fd));
        });
        try (Echo echo = spawned.connection().remoteInit().makeEcho()) {
            assertEquals("child on fd " + fds.get(0) + ": hello", echo.echo("hello"));
        }
        assertTrue(spawned.process().isAlive());
        spawned.close();
        spawned.process().onExit().get(60, TimeUnit.SECONDS);
        assertFalse(spawned.process().isAlive());
        assertFalse(spawned.connection().isOpen());
    }

    private static String classPath() {
        List<String> parts = new ArrayList<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                parts.add(value);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
