package org.btcmp.mpgen;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A class loader over a class path given on the command line (entries separated by the platform separator). */
final class ClassPaths {
    private ClassPaths() {
    }

    static ClassLoader loader(String classPath) {
        if (classPath == null) {
            return ClassPaths.class.getClassLoader();
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad class path entry '" + entry + "'", e);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassPaths.class.getClassLoader());
    }
}
