package org.btcmp.mpgen.maven;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMojoTest {
    /** A stand-in for libmultiprocess's proxy.capnp: the same file id, so Context has the same id. */
    private static final String PROXY = "@0xcc316e3f71a040fb;\ninterface Thread {}\n"
            + "struct Context { thread @0 :Thread; callbackThread @1 :Thread; }\n";
    private static final String SCHEMA = "@0xd5e2a3c1b4f60718;\nusing Proxy = import \"/mp/proxy.capnp\";\n"
            + "using Java = import \"/mpgen/java.capnp\";\n"
            + "interface Greeter $Java.wraps(\"org.btcmp.mpgen.maven.CheckMojoTest$Greeter\") {\n"
            + "  destroy @0 (context :Proxy.Context) -> ();\n"
            + "  greet @1 (context :Proxy.Context, name :Text, times :Int32) -> (result :Text);\n}\n";

    /** The Java side of the schema above. */
    public interface Greeter extends AutoCloseable {
        String greet(String name, int times);

        @Override
        void close();
    }

    @TempDir
    Path dir;

    private CheckMojo mojo(String schema) throws Exception {
        Path src = dir.resolve("src/main/capnp");
        Files.createDirectories(src.resolve("mp"));
        Files.writeString(src.resolve("mp/proxy.capnp"), PROXY);
        Files.writeString(src.resolve("greeter.capnp"), schema);
        CheckMojo m = new CheckMojo();
        m.sourceDirectory = src.toFile();
        m.classpathElements = List.of(Path.of(Greeter.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        return m;
    }

    @Test
    void agreementPasses() throws Exception {
        CheckMojo m = mojo(SCHEMA);
        m.interfaces = List.of(Greeter.class.getName());
        m.execute();
    }

    @Test
    void aDisagreementFailsTheBuildNamingBothSides() throws Exception {
        CheckMojo m = mojo(SCHEMA.replace("times :Int32", "times :Text"));
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertTrue(e.getMessage().contains("Greeter.greet(String, int) in org.btcmp.mpgen.maven.CheckMojoTest$Greeter vs "
                + "greet @1 (context :Context, name :Text, times :Text) -> (result :Text) in greeter.capnp: "
                + "parameter 2 vs times :Text: Java int travels as Int32 or UInt32, not Text"), e.getMessage());
    }

    @Test
    void aRequiredInterfaceWithoutSchemaFails() throws Exception {
        CheckMojo m = mojo(SCHEMA);
        m.interfaces = List.of(Runnable.class.getName());
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertTrue(e.getMessage().contains("java.lang.Runnable vs the schema: no schema interface"), e.getMessage());
        m.sourceDirectory = dir.resolve("nowhere").toFile();
        e = assertThrows(MojoFailureException.class, m::execute);
        assertTrue(e.getMessage().contains("need schemas"), e.getMessage());
    }

    @Test
    void schemaErrorsFail() throws Exception {
        CheckMojo m = mojo(SCHEMA.replace(":Text, times", ":Nope, times"));
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertTrue(e.getMessage().contains("greeter.capnp:6:"), e.getMessage());
    }
}
