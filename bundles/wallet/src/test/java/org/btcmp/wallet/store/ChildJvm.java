package org.btcmp.wallet.store;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a test main class in a separate JVM with this test run's classes and libraries. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Starts {@code mainClass}; its stderr goes to {@code errorLog}, never to this JVM's stderr (a
     * child that outlived a failed test would otherwise hold the test runner's pipe open).
     */
    public static Process start(Path errorLog, Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile())).start();
    }

    /** Surefire puts the module under test on the module path: the child gets all of it on its class path. */
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
