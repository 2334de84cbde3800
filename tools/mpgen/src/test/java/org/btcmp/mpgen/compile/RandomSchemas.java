package org.btcmp.mpgen.compile;

/** Gives other test packages the seeded random schema generator. */
public final class RandomSchemas {
    private RandomSchemas() {
    }

    public static String generate(long seed) {
        return RandomSchemaGenerator.generate(seed);
    }
}
