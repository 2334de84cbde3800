package org.btcmp.ipc.capnp.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.btcmp.testsupport.ExternalTool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our rpc.capnp and rpc-twoparty.capnp against the C++ library's (Debian's libcapnp-dev, in
 * /usr/include/capnp), both read by the C++ compiler: every node id, name, ordinal, type, default and
 * layout offset must be the same. Doc comments and the file-level language annotations (ours name the
 * Java package, theirs the C++ namespace) are the only lines allowed to differ.
 */
class RpcSchemasTest {
    private static final Path DEBIAN = Path.of("/usr/include/capnp");

    @ParameterizedTest
    @ValueSource(strings = {"rpc", "rpc-twoparty"})
    void ourSchemaHasTheCxxLibrarysNodes(String name) throws IOException, InterruptedException {
        ExternalTool capnp = ExternalTool.require("capnp", "apt-get install capnproto");
        if (!Files.isRegularFile(DEBIAN.resolve(name + ".capnp"))) {
            ExternalTool.missing("Debian's " + DEBIAN.resolve(name + ".capnp") + " (apt-get install libcapnp-dev)");
        }
        Path imports = javaAnnotationsImportDir();
        Path ours = Path.of("src/main/capnp").toAbsolutePath();
        String oursCompiled = capnp.run(ours, "compile", "-I" + imports, "-ocapnp", "capnp/" + name + ".capnp")
                .requireSuccess(List.of("capnp", "compile", "-ocapnp", name)).stdout();
        String theirsCompiled = capnp.run(DEBIAN, "compile", "-I/usr/include", "-ocapnp", name + ".capnp")
                .requireSuccess(List.of("capnp", "compile", "-ocapnp", name)).stdout();

        String expected = structure(theirsCompiled);
        assertTrue(expected.contains("struct") || expected.contains("enum"), "nothing compiled: " + theirsCompiled);
        assertEquals(expected, structure(oursCompiled));
    }

    /** The compiler's listing without doc-comment lines and file annotations. */
    private static String structure(String listing) {
        return listing.lines()
                .filter(line -> !line.stripLeading().startsWith("#"))
                .filter(line -> !line.startsWith("$import "))
                .collect(Collectors.joining("\n"));
    }

    /** A directory holding mpgen/java.capnp, which our schemas import as "/mpgen/java.capnp". */
    private static Path javaAnnotationsImportDir() throws IOException {
        Path source = Path.of("../../tools/mpgen/src/main/resources/org/btcmp/mpgen/capnp/java.capnp");
        Path dir = Path.of("target", "rpc-schema-imports").toAbsolutePath();
        Files.createDirectories(dir.resolve("mpgen"));
        Files.copy(source, dir.resolve("mpgen/java.capnp"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }
}
