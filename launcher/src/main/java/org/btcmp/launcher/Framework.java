package org.btcmp.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.btcmp.common.args.Args;
import org.btcmp.interfaces.Init;
import org.btcmp.ipc.Transport;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An embedded OSGi framework running one {@link Deployment}. The packages of {@code interfaces},
 * {@code ipc-api} and {@code common} are exported by the system bundle from the launcher's own class
 * path, so the launcher's commands and the bundles share one copy of those types.
 */
final class Framework implements AutoCloseable {
    private final org.osgi.framework.launch.Framework felix;
    private final Path storage;

    private Framework(org.osgi.framework.launch.Framework felix, Path storage) {
        this.felix = felix;
        this.storage = storage;
    }

    /**
     * Starts a framework and every bundle of {@code deployment} from {@code home}.
     *
     * @throws LaunchException naming the bundle or file at fault
     */
    static Framework start(LauncherHome home, Deployment deployment) {
        return start(home, deployment, context -> { });
    }

    /**
     * As {@link #start(LauncherHome, Deployment)}, calling {@code beforeBundles} with the system
     * bundle's context before any bundle starts (to register what the process offers its
     * components: its options, its {@link org.btcmp.common.init.ProcessControl}).
     */
    static Framework start(LauncherHome home, Deployment deployment, Consumer<BundleContext> beforeBundles) {
        Path storage;
        try {
            storage = Files.createTempDirectory("btcmp-felix-");
        } catch (IOException e) {
            throw new LaunchException("cannot create the OSGi bundle cache: " + e.getMessage());
        }
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, sharedExports());
        config.put("felix.log.level", "1"); // errors only: normal operation writes nothing to the console
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LaunchException("no OSGi framework on the class path"));
        org.osgi.framework.launch.Framework felix = factory.newFramework(config);
        Framework framework = new Framework(felix, storage);
        try {
            felix.start();
            beforeBundles.accept(felix.getBundleContext());
            framework.install(home, deployment);
            return framework;
        } catch (BundleException | RuntimeException e) {
            framework.close();
            if (e instanceof LaunchException launch) {
                throw launch;
            }
            throw new LaunchException("cannot start the " + deployment.name() + " deployment: " + e.getMessage());
        }
    }

    private void install(LauncherHome home, Deployment deployment) throws BundleException {
        BundleContext context = felix.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : libraryBundles(home)) {
            installed.add(installInPlace(context, jar));
        }
        for (String file : deployment.bundles()) {
            Path jar = home.bundles().resolve(file);
            if (!Files.isRegularFile(jar)) {
                throw new LaunchException("bundle " + jar + " is missing: build with 'mvn -B -DskipTests package'");
            }
            installed.add(installInPlace(context, jar));
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
    }

    /** reference: installs the jar where it is, without copying it into the cache. */
    private static Bundle installInPlace(BundleContext context, Path jar) throws BundleException {
        return context.installBundle("reference:" + jar.toUri());
    }

    /**
     * The library layer: every jar in {@code libs/} that is a bundle. Plain jars there came in
     * transitively and are embedded by the bundles that use them, so they are not installed.
     */
    static List<Path> libraryBundles(LauncherHome home) {
        if (!Files.isDirectory(home.libraries())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(home.libraries())) {
            List<Path> bundles = new ArrayList<>();
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                if (isBundle(jar)) {
                    bundles.add(jar);
                }
            }
            return bundles;
        } catch (IOException e) {
            throw new LaunchException("cannot list the library bundles in " + home.libraries() + ": " + e.getMessage());
        }
    }

    private static boolean isBundle(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) != null;
        }
    }

    BundleContext context() {
        return felix.getBundleContext();
    }

    @Override
    public void close() {
        try {
            felix.stop();
            felix.waitForStop(10_000);
        } catch (BundleException e) {
            throw new LaunchException("cannot stop the OSGi framework: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(storage);
        }
    }

    /** The Export-Package clauses of the API jars on the launcher's class path. */
    static String sharedExports() {
        return String.join(",", exportsOf(Init.class), exportsOf(Transport.class), exportsOf(Args.class));
    }

    private static String exportsOf(Class<?> type) {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Manifest manifest;
            if (Files.isDirectory(location)) {
                try (InputStream in = Files.newInputStream(location.resolve("META-INF/MANIFEST.MF"))) {
                    manifest = new Manifest(in);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            String exports = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            if (exports == null) {
                throw new LaunchException(location + " exports no packages: it was not built by bnd");
            }
            return exports;
        } catch (IOException | URISyntaxException e) {
            throw new LaunchException("cannot read the exports of " + type.getName() + "'s bundle: " + e.getMessage());
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover cache in the temp folder is harmless; do not mask the real outcome.
        }
    }
}
