package org.btcmp.ipc.capnp.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.btcmp.testsupport.ExternalTool;
import org.junit.jupiter.api.Test;

/**
 * The schemas that Core's IPC clients and libmultiprocess peers must agree with us on, as the C++
 * compiler reads them: every id (file ids and the ids derived from them), name, ordinal and type,
 * compared with the reviewed expectation in src/test/resources/schema. A change to a schema that
 * moves any of them fails here; update the expectation only for a deliberate wire change.
 */
class CoreSchemasTest {

    @Test
    void theCompilerSeesCoresIdsNamesAndOrdinals() throws IOException, InterruptedException {
        ExternalTool capnp = ExternalTool.require("capnp", "apt-get install capnproto");
        Path schemas = Path.of("src/main/capnp").toAbsolutePath();
        ExternalTool.Result compiled = capnp.run(schemas, "compile", "-I.", "-I" + JavaAnnotationsImport.directory(),
                "-ocapnp", "mp/proxy.capnp", "echo.capnp", "init.capnp", "handler.capnp", "chain.capnp",
                "common.capnp", "mining.capnp", "rpc.capnp", "node.capnp", "wallet.capnp");
        compiled.requireSuccess(java.util.List.of("capnp", "compile", "-ocapnp"));
        assertEquals(expected(), compiled.stdout());
    }

    private static String expected() throws IOException {
        try (InputStream in = CoreSchemasTest.class.getResourceAsStream("/schema/core-schemas.capnp.expected")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
