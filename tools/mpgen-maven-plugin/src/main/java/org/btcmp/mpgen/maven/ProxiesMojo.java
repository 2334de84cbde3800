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
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.btcmp.mpgen.ProxyGeneration;
import org.btcmp.mpgen.SchemaCompilation;

/**
 * Generates the IPC proxies (ProxyClient, ProxyServer, a Proxies registry) of every schema interface under
 * the source directory that names its Java interface with $Java.wraps. For main code the Java interfaces
 * come from the dependencies and the sources join the build; with {@code compileTo} (tests, whose Java
 * interfaces are compiled first) the goal compiles the generated sources itself into that directory.
 */
@Mojo(name = "proxies", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public final class ProxiesMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project.basedir}/src/main/capnp")
    File sourceDirectory;

    @Parameter(defaultValue = "${project.build.directory}/generated-sources/mpgen-proxies")
    File outputDirectory;

    /** More directories searched for imports that start with '/' (like capnp -I). */
    @Parameter
    List<File> importPaths = new ArrayList<>();

    /** The Java package of the generated proxies. */
    @Parameter(required = true)
    String packageName;

    /** Compile the generated sources into this directory (against the test class path) instead of adding them to the build. */
    @Parameter
    File compileTo;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path source = sourceDirectory.toPath();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> p.toString().endsWith(".capnp")).map(source::relativize).sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("mpgen proxies: cannot list " + source, e);
        }
        List<Path> imports = new ArrayList<>();
        imports.add(source);
        importPaths.forEach(f -> imports.add(f.toPath()));
        List<String> classPath = classPath();
        List<Path> written;
        try (URLClassLoader loader = new URLClassLoader(urls(classPath), getClass().getClassLoader())) {
            written = ProxyGeneration.generate(imports, source, files, loader, packageName, outputDirectory.toPath());
        } catch (SchemaCompilation.Failure e) {
            throw new MojoFailureException("mpgen proxies: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("mpgen proxies: cannot write to " + outputDirectory, e);
        }
        getLog().info("mpgen proxies: " + written.size() + " Java file(s) in " + outputDirectory);
        if (compileTo == null) {
            project.addCompileSourceRoot(outputDirectory.getPath());
        } else {
            compile(written, classPath);
        }
    }

    private List<String> classPath() throws MojoExecutionException {
        try {
            return compileTo == null ? project.getCompileClasspathElements() : project.getTestClasspathElements();
        } catch (org.apache.maven.artifact.DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("mpgen proxies: unresolved class path", e);
        }
    }

    private void compile(List<Path> sources, List<String> classPath) throws MojoFailureException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new MojoFailureException("mpgen proxies: no Java compiler in this JVM (run Maven on a JDK)");
        }
        List<String> args = new ArrayList<>(List.of("-d", compileTo.getPath(), "-classpath",
                String.join(File.pathSeparator, classPath), "--release", "17", "-proc:none", "-nowarn"));
        sources.forEach(p -> args.add(p.toString()));
        int status = javac.run(null, null, null, args.toArray(String[]::new));
        if (status != 0) {
            throw new MojoFailureException("mpgen proxies: the generated proxies in " + outputDirectory + " do not compile");
        }
    }

    private static URL[] urls(List<String> elements) throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        for (String element : elements) {
            try {
                urls.add(new File(element).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("mpgen proxies: bad class path element " + element, e);
            }
        }
        return urls.toArray(URL[]::new);
    }
}
