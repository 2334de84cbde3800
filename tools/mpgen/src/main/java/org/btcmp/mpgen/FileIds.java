package org.btcmp.mpgen;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Cap'n Proto file ids: 64 random bits with the top bit set, so that a real id is never mistaken
 * for a small number (the rule {@code capnp id} follows).
 */
public final class FileIds {
    private FileIds() {
    }

    /** A new random file id. */
    public static long newId(RandomGenerator random) {
        return random.nextLong() | Long.MIN_VALUE;
    }

    /** A new file id from a secure source. */
    public static long newId() {
        return newId(new SecureRandom());
    }

    /** The id as it is written in a schema, e.g. {@code @0xcc316e3f71a040fb}. */
    public static String format(long id) {
        return String.format("@0x%016x", id);
    }
}
