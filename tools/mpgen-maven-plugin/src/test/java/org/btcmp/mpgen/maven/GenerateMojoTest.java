package org.btcmp.mpgen.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMojoTest {
    private static GenerateMojo mojo(Path dir) {
        GenerateMojo m = new GenerateMojo();
        m.sourceDirectory = dir.resolve("src/main/capnp").toFile();
        m.outputDirectory = dir.resolve("target/gen").toFile();
        m.project = new MavenProject();
        return m;
    }

    @Test
    void generatesJavaAndAddsTheSourceRoot(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/main/capnp/sub");
        Files.createDirectories(src);
        Files.writeString(src.resolve("a.capnp"), "@0xd5e2a3c1b4f60718;\nusing Java = import \"/mpgen/java.capnp\";\n"
                + "$Java.package(\"com.example\");\nusing B = import \"/b.capnp\";\nstruct S { b @0 :B.T; }\n");
        Files.writeString(dir.resolve("src/main/capnp/b.capnp"), "@0xd5e2a3c1b4f60719;\n"
                + "using Java = import \"/mpgen/java.capnp\";\n$Java.package(\"com.example.b\");\nstruct T { x @0 :Int8; }\n");
        GenerateMojo m = mojo(dir);
        m.execute();
        assertTrue(Files.readString(dir.resolve("target/gen/com/example/A.java")).contains("com.example.b.B.T.Reader"));
        assertTrue(Files.isRegularFile(dir.resolve("target/gen/com/example/b/B.java")));
        assertTrue(m.project.getCompileSourceRoots().contains(dir.resolve("target/gen").toFile().getPath()));
    }

    @Test
    void schemaErrorsFailTheBuildWithTheirLocation(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/main/capnp");
        Files.createDirectories(src);
        Files.writeString(src.resolve("bad.capnp"), "@0xd5e2a3c1b4f60718;\nstruct S {\n  a @0 :Nope;\n}\n");
        GenerateMojo m = mojo(dir);
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertTrue(e.getMessage().contains("bad.capnp:3:9: error: Not defined: Nope"), e.getMessage());
        assertFalse(new File(dir.toFile(), "target/gen").exists());
        assertTrue(m.project.getCompileSourceRoots().isEmpty());
    }

    @Test
    void aMissingSourceDirectoryIsNotAnError(@TempDir Path dir) throws Exception {
        GenerateMojo m = mojo(dir);
        m.execute();
        assertTrue(m.project.getCompileSourceRoots().isEmpty());
    }
}
