package org.btcmp.mpgen.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.mpgen.parse.SchemaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At least 500 seeded random schemas per run that both compilers accept, compared node by node;
 * generated schemas we reject (capnp's issue-344 layouts) must be rejected by capnp too.
 */
class RandomSchemaConformanceTest {
    private static final int VALID = 500;
    private static final int MAX_ATTEMPTS = 3000;
    private static final int REJECTED_CHECKED = 40;
    /** A fresh base seed per run unless -Dmpgen.seed=N repeats one; printed so failures can be replayed. */
    private static final long BASE_SEED = Long.getLong("mpgen.seed", System.nanoTime());

    @Test
    void randomSchemasAgreeWithCapnp(@TempDir Path dir) throws IOException {
        CapnpOracle.require();
        System.err.println("RandomSchemaConformanceTest: base seed " + BASE_SEED + " (-Dmpgen.seed to repeat)");
        List<String> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (int i = 0; accepted.size() < VALID && i < MAX_ATTEMPTS; i++) {
            String name = "r" + i + ".capnp";
            Files.writeString(dir.resolve(name), RandomSchemaGenerator.generate(BASE_SEED + i));
            try {
                new Compiler(List.of(), dir).compile(List.of(Path.of(name)));
                accepted.add(name);
            } catch (SchemaException e) {
                rejected.add(name);
            }
        }
        assertEquals(VALID, accepted.size(), "too few generated schemas compile (seed " + BASE_SEED + ")");
        for (int from = 0; from < accepted.size(); from += 100) {
            List<String> batch = accepted.subList(from, Math.min(accepted.size(), from + 100));
            CapnpOracle.Result oracle = CapnpOracle.compile(dir, List.of(), batch);
            if (oracle.exitCode() != 0) {
                for (String file : batch) {
                    CapnpOracle.Result single = CapnpOracle.compile(dir, List.of(), List.of(file));
                    assertEquals(0, single.exitCode(), "we accept " + file + " (seed " + BASE_SEED + ") but capnp says: "
                            + single.stderr());
                }
            }
            byte[] ours = RequestComparison.ours(dir, List.of(), batch);
            RequestComparison.assertSame(oracle.stdout(), ours);
        }
        for (String file : rejected.subList(0, Math.min(REJECTED_CHECKED, rejected.size()))) {
            CapnpOracle.Result single = CapnpOracle.compile(dir, List.of(), List.of(file));
            assertNotEquals(0, single.exitCode(), "we reject " + file + " (seed " + BASE_SEED + ") but capnp accepts it");
        }
        System.err.println("RandomSchemaConformanceTest: " + accepted.size() + " agreed, " + rejected.size()
                + " rejected by both (checked " + Math.min(REJECTED_CHECKED, rejected.size()) + ")");
        assertTrue(accepted.size() >= VALID);
    }

    @Test
    void theGeneratorIsDeterministic() {
        assertEquals(RandomSchemaGenerator.generate(42), RandomSchemaGenerator.generate(42));
    }
}
