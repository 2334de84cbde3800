package org.btcmp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fails the build when a module of the reactor breaks {@link ModuleRules}. */
class ModuleRulesTest {

    static final Set<String> EXPECTED_MODULES = Set.of(
            "org.btcmp.interfaces", "org.btcmp.common", "org.btcmp.primitives", "org.btcmp.ipc", "org.btcmp.ipc.local",
            "org.btcmp.ipc.capnp", "org.btcmp.node", "org.btcmp.wallet", "org.btcmp.gui",
            "org.btcmp.mpgen", "org.capnproto");

    @Test
    void everyReactorModuleKeepsTheRules() throws IOException {
        Map<String, ModuleDescriptor> modules = reactorModules();
        assertEquals(EXPECTED_MODULES, modules.keySet(), "the check must see every module it guards");
        assertEquals(List.of(), ModuleRules.violations(modules.values()));
    }

    @Test
    void capnprotoOutsideItsThreeModulesFires() {
        ModuleDescriptor wallet = ModuleDescriptor.newModule("org.btcmp.wallet").requires("org.capnproto").build();
        ModuleDescriptor automatic = ModuleDescriptor.newModule("org.btcmp.gui").requires("runtime").build();
        ModuleDescriptor capnp = ModuleDescriptor.newModule("org.btcmp.ipc.capnp").requires("org.capnproto").build();
        List<String> violations = ModuleRules.violations(List.of(wallet, automatic, capnp));
        assertEquals(2, violations.size(), violations.toString());
        assertTrue(violations.get(0).startsWith("org.btcmp.wallet requires org.capnproto"), violations.get(0));
        assertTrue(violations.get(1).startsWith("org.btcmp.gui requires runtime"), violations.get(1));
    }

    @Test
    void aConsumerRequiringATransportFires() {
        for (String consumer : List.of("org.btcmp.node", "org.btcmp.wallet", "org.btcmp.gui")) {
            for (String transport : List.of("org.btcmp.ipc.local", "org.btcmp.ipc.capnp")) {
                ModuleDescriptor module = ModuleDescriptor.newModule(consumer).requires(transport).build();
                List<String> violations = ModuleRules.violations(List.of(module));
                assertEquals(1, violations.size(), consumer + " -> " + transport);
                assertTrue(violations.get(0).contains("requires transport " + transport), violations.get(0));
            }
        }
    }

    @Test
    void nodeAndWalletRequiringEachOtherFires() {
        List<String> violations = ModuleRules.violations(List.of(
                ModuleDescriptor.newModule("org.btcmp.node").requires("org.btcmp.wallet").build(),
                ModuleDescriptor.newModule("org.btcmp.wallet").requires("org.btcmp.node").build()));
        assertEquals(2, violations.size(), violations.toString());
    }

    @Test
    void interfacesReadingAnythingButTheJdkFires() {
        ModuleDescriptor ok = ModuleDescriptor.newModule("org.btcmp.interfaces")
                .requires(Set.of(ModuleDescriptor.Requires.Modifier.STATIC), "osgi.annotation").build();
        ModuleDescriptor bad = ModuleDescriptor.newModule("org.btcmp.interfaces").requires("org.btcmp.ipc").build();
        assertEquals(List.of(), ModuleRules.violations(List.of(ok)));
        assertEquals(1, ModuleRules.violations(List.of(bad)).size());
    }

    @Test
    void aFixtureDescriptorCompiledByJavacFires(@TempDir Path out) throws Exception {
        Path source = Path.of(ModuleRulesTest.class.getResource("/fixtures/bad-node/module-info.java").toURI());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", out.toString(),
                "--module-path", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, status, "the fixture compiles: the rules, not javac, must catch it");
        try (InputStream in = Files.newInputStream(out.resolve("module-info.class"))) {
            List<String> violations = ModuleRules.violations(List.of(ModuleDescriptor.read(in)));
            assertEquals(List.of("org.btcmp.node requires transport org.btcmp.ipc.local: reach transports through "
                    + "org.btcmp.ipc and the service registry"), violations);
        }
    }

    /** Descriptors of the reactor's modules, read from the test class path (jars or class folders). */
    private static Map<String, ModuleDescriptor> reactorModules() throws IOException {
        Map<String, ModuleDescriptor> modules = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            ModuleDescriptor descriptor = readDescriptor(path);
            if (descriptor != null && (descriptor.name().startsWith("org.btcmp.") || descriptor.name().equals("org.capnproto"))) {
                modules.put(descriptor.name(), descriptor);
            }
        }
        return modules;
    }

    private static ModuleDescriptor readDescriptor(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Path file = path.resolve("module-info.class");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file)) {
                return ModuleDescriptor.read(in);
            }
        }
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            ZipEntry entry = jar.getEntry("module-info.class");
            if (entry == null) {
                return null;
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return ModuleDescriptor.read(in);
            }
        }
    }
}
