package org.btcmp.mpgen.maven;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.btcmp.mpgen.InterfaceCheck;
import org.btcmp.mpgen.SchemaCompilation;

/**
 * Fails the build when a schema under the source directory and the Java type it wraps ($Java.wraps)
 * disagree, or when one of {@code interfaces} has no schema; every disagreement is listed with both sides.
 * Runs after compilation, against the module's classes and its compile class path.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class CheckMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project.basedir}/src/main/capnp")
    File sourceDirectory;

    /** More directories searched for imports that start with '/' (like capnp -I). */
    @Parameter
    List<File> importPaths = new ArrayList<>();

    /** Java interfaces (fully qualified) that must have a schema interface, besides those the schemas wrap. */
    @Parameter
    List<String> interfaces = new ArrayList<>();

    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true, required = true)
    List<String> classpathElements;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path source = sourceDirectory.toPath();
        if (!Files.isDirectory(source)) {
            if (!interfaces.isEmpty()) {
                throw new MojoFailureException("mpgen check: " + interfaces + " need schemas, but " + source + " does not exist");
            }
            getLog().info("mpgen check: no schemas in " + source);
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> p.toString().endsWith(".capnp")).map(source::relativize).sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("mpgen check: cannot list " + source, e);
        }
        List<Path> imports = new ArrayList<>();
        imports.add(source);
        importPaths.forEach(f -> imports.add(f.toPath()));
        List<String> problems;
        try (URLClassLoader loader = new URLClassLoader(urls(), getClass().getClassLoader())) {
            problems = InterfaceCheck.check(imports, source, files, loader, interfaces);
        } catch (SchemaCompilation.Failure e) {
            throw new MojoFailureException("mpgen check: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("mpgen check: cannot close the class loader", e);
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("mpgen check: " + problems.size() + " disagreement(s) between the schemas in "
                    + source + " and their Java types:\n" + String.join("\n", problems));
        }
        getLog().info("mpgen check: " + files.size() + " schema(s) agree with their Java types");
    }

    private URL[] urls() throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        for (String element : classpathElements) {
            try {
                urls.add(new File(element).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("mpgen check: bad class path element " + element, e);
            }
        }
        return urls.toArray(URL[]::new);
    }
}
