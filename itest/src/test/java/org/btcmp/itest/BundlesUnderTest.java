package org.btcmp.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * The real jars the launcher deploys (launcher/target after package): the API bundles from its
 * class path folder, our bundles, and the whole third-party library layer, as a deployment gets it.
 */
final class BundlesUnderTest {
    private BundlesUnderTest() {
    }

    /** What the monolithic deployment installs (launcher's Deployment.MONOLITHIC). */
    static final List<String> MONOLITHIC = List.of("primitives", "ipc-local", "node", "wallet");

    static Option deployment(List<String> ours) {
        List<Path> jars = new ArrayList<>();
        jars.add(jar(home().resolve("lib"), "interfaces"));
        jars.add(jar(home().resolve("lib"), "ipc-api"));
        jars.add(jar(home().resolve("lib"), "common"));
        jars.addAll(libraryBundles());
        for (String name : ours) {
            jars.add(jar(home().resolve("bundles"), name));
        }
        return composite(jars.stream().map(jar -> bundle(jar.toUri().toString())).toArray(Option[]::new));
    }

    private static Path home() {
        return Executable.root().resolve("launcher/target");
    }

    private static List<Path> libraryBundles() {
        try (Stream<Path> files = Files.list(home().resolve("libs"))) {
            List<Path> bundles = new ArrayList<>();
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    if (file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName") != null) {
                        bundles.add(jar);
                    }
                }
            }
            return bundles;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + home().resolve("libs") + ": run the itest through 'mvn verify'", e);
        }
    }

    private static Path jar(Path folder, String name) {
        Path jar = folder.resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("bundle under test " + jar + " is missing: run the itest through 'mvn verify'");
        }
        return jar;
    }
}
