package org.btcmp.launcher;

import java.nio.file.Path;

/**
 * Where the launcher finds what it installs: our bundles in {@code <home>/bundles}, the third-party
 * library bundles in {@code <home>/libs}. The home is the {@code btcmp.home} system property (set by
 * {@code bin/bitcoin}), else the launcher jar's folder.
 */
record LauncherHome(Path directory) {

    Path bundles() {
        return directory.resolve("bundles");
    }

    Path libraries() {
        return directory.resolve("libs");
    }

    static LauncherHome locate() {
        String property = System.getProperty("btcmp.home");
        if (property != null) {
            return new LauncherHome(Path.of(property));
        }
        try {
            Path codeSource = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new LauncherHome(codeSource.getParent()); // target/ for both target/classes and the jar
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the launcher's home; set -Dbtcmp.home", e);
        }
    }
}
