package org.btcmp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** The embedded framework: starts a deployment, and on any failure stops cleanly with one clear line. */
class FrameworkTest {

    @TempDir
    Path home;

    @Test
    void aMissingBundleIsNamedAndNothingKeepsRunning() throws IOException {
        Files.createDirectories(home.resolve("bundles"));
        Deployment deployment = new Deployment("test", List.of("absent.jar"));
        LaunchException e = assertThrows(LaunchException.class, () -> Framework.start(new LauncherHome(home), deployment));
        assertTrue(e.getMessage().startsWith("bundle " + home.resolve("bundles/absent.jar") + " is missing"), e.getMessage());
        assertNoFrameworkThreads();
    }

    @Test
    void anUnresolvableBundleFailsTheDeploymentWithFelixsReason() throws IOException {
        writeBundle("needy.jar", "test.needy", "org.example.nowhere");
        Deployment deployment = new Deployment("needy", List.of("needy.jar"));
        LaunchException e = assertThrows(LaunchException.class, () -> Framework.start(new LauncherHome(home), deployment));
        assertTrue(e.getMessage().startsWith("cannot start the needy deployment: "), e.getMessage());
        assertTrue(e.getMessage().contains("org.example.nowhere"), e.getMessage());
        assertNoFrameworkThreads();
    }

    @Test
    void aResolvableDeploymentStartsAndTheSharedApiPackagesAreVisible() throws IOException {
        writeBundle("user.jar", "test.user", "org.btcmp.interfaces,org.btcmp.ipc");
        try (Framework framework = Framework.start(new LauncherHome(home), new Deployment("user", List.of("user.jar")))) {
            Bundle user = null;
            for (Bundle bundle : framework.context().getBundles()) {
                if ("test.user".equals(bundle.getSymbolicName())) {
                    user = bundle;
                }
            }
            assertEquals(Bundle.ACTIVE, user == null ? -1 : user.getState());
            assertTrue(!frameworkThreads().isEmpty(), "a running framework has its threads (else the check below proves nothing)");
        }
        assertNoFrameworkThreads();
    }

    @Test
    void theLibraryLayerIsInstalledForEveryDeploymentAndPlainJarsThereAreSkipped() throws IOException {
        writeJar(home.resolve("libs"), "library.jar", "test.library", "org.btcmp.interfaces");
        writeJar(home.resolve("libs"), "plain.jar", null, null);
        writeBundle("user.jar", "test.user", "org.btcmp.ipc");
        assertEquals(List.of(home.resolve("libs/library.jar")), Framework.libraryBundles(new LauncherHome(home)));
        try (Framework framework = Framework.start(new LauncherHome(home), new Deployment("user", List.of("user.jar")))) {
            List<String> active = java.util.Arrays.stream(framework.context().getBundles())
                    .filter(b -> b.getState() == Bundle.ACTIVE).map(Bundle::getSymbolicName).toList();
            assertTrue(active.containsAll(List.of("test.library", "test.user")), active.toString());
        }
    }

    @Test
    void theSharedExportsCarryTheApiPackageVersions() {
        String exports = Framework.sharedExports();
        // the major only: additions to the interfaces bump the minor (2.1.0: Wallet's fee preview)
        assertTrue(exports.matches("(?s).*org\\.btcmp\\.interfaces;version=\"2\\.[0-9]+\\.[0-9]+\".*"), exports);
        assertTrue(exports.contains("org.btcmp.ipc;version=\"1.2.0\""), exports);
    }

    private void writeBundle(String file, String symbolicName, String imports) throws IOException {
        writeJar(home.resolve("bundles"), file, symbolicName, imports);
    }

    /** A jar with a manifest; a bundle when {@code symbolicName} is given. */
    private static void writeJar(Path folder, String file, String symbolicName, String imports) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            main.putValue("Bundle-ManifestVersion", "2");
            main.putValue("Bundle-SymbolicName", symbolicName);
            main.putValue("Import-Package", imports);
        }
        Files.createDirectories(folder);
        try (OutputStream out = Files.newOutputStream(folder.resolve(file));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }

    /** Felix's event and dispatch threads are not daemons: a leftover one would hang the JVM. */
    private static void assertNoFrameworkThreads() {
        assertEquals(List.of(), frameworkThreads());
    }

    private static List<String> frameworkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !t.isDaemon())
                .map(Thread::getName)
                .filter(name -> name.startsWith("FelixDispatchQueue") || name.startsWith("FelixStartLevel")
                        || name.startsWith("FelixFrameworkWiring"))
                .toList();
    }
}
