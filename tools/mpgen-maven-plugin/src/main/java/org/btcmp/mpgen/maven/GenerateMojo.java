package org.btcmp.mpgen.maven;

import java.io.File;
import java.io.IOException;
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
import org.apache.maven.project.MavenProject;
import org.btcmp.mpgen.SchemaCompilation;

/**
 * Compiles every .capnp file under the source directory with mpgen and adds the generated Java
 * sources to the build. The source directory is also an import path, so "/x.capnp" finds its files.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project.basedir}/src/main/capnp")
    File sourceDirectory;

    @Parameter(defaultValue = "${project.build.directory}/generated-sources/mpgen")
    File outputDirectory;

    /** The Java package of schemas without {@code $Java.package} (e.g. schemas a C++ build also compiles). */
    @Parameter
    String javaPackage;

    /** Add the output as a test source root (for schemas only tests use) instead of a main one. */
    @Parameter(defaultValue = "false")
    boolean testSources;

    /** More directories searched for imports that start with '/' (like capnp -I). */
    @Parameter
    List<File> importPaths = new ArrayList<>();

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path source = sourceDirectory.toPath();
        if (!Files.isDirectory(source)) {
            getLog().info("mpgen: no schemas in " + source);
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> p.toString().endsWith(".capnp")).map(source::relativize).sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("mpgen: cannot list " + source, e);
        }
        List<Path> imports = new ArrayList<>();
        imports.add(source);
        importPaths.forEach(f -> imports.add(f.toPath()));
        try {
            List<Path> written = SchemaCompilation.generateJava(imports, source, files, outputDirectory.toPath(),
                    javaPackage);
            getLog().info("mpgen: " + files.size() + " schema(s) -> " + written.size() + " Java file(s) in "
                    + outputDirectory);
        } catch (SchemaCompilation.Failure e) {
            throw new MojoFailureException("mpgen: schema errors in " + source + ":\n" + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("mpgen: cannot write to " + outputDirectory, e);
        }
        if (testSources) {
            project.addTestCompileSourceRoot(outputDirectory.getPath());
        } else {
            project.addCompileSourceRoot(outputDirectory.getPath());
        }
    }
}
