package org.btcmp.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ops4j.pax.exam.Option;

/** The real bundle jars the pax-exam suites install, copied to target/bundles by the build. */
final class BundlesUnderTest {
    private BundlesUnderTest() {
    }

    static final List<String> DECLARATIVE_SERVICES = List.of(
            "org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component", "org.apache.felix.scr");

    static final List<String> MONOLITHIC = List.of(
            "interfaces", "ipc-api", "primitives", "ipc-local", "node", "wallet");

    static Option install(List<String> names) {
        return composite(names.stream().map(BundlesUnderTest::jar).map(jar -> bundle(jar.toUri().toString())).toArray(Option[]::new));
    }

    private static Path jar(String name) {
        Path folder = Path.of(System.getProperty("btcmp.bundles", "target/bundles"));
        Path jar = folder.resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("bundle under test " + jar + " is missing: run the itest through 'mvn verify'");
        }
        return jar;
    }
}
