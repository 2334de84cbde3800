package org.btcmp.node.chain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.btcmp.primitives.ByteReader;
import org.btcmp.primitives.ByteWriter;
import org.btcmp.primitives.DecodeException;

/**
 * {@code fee_estimates.dat} in Core's layout (version 149900, unobfuscated, little-endian): int32
 * version required to read, int32 unused, uint32 best seen height, uint32 first and last height
 * of the recorded history, the bucket bounds (a vector of doubles, each as its IEEE-754 bits in a
 * uint64), then the medium, short and long horizons, each as decay, uint32 scale, the fee-rate
 * sums, the counts, and the confirmed and failed tables (vectors of vectors of doubles). A file
 * older than 60 hours is not read (Core's MAX_FILE_AGE) unless -acceptstalefeeestimates.
 */
public final class FeeEstimatesFile {
    static final int VERSION = 149900;
    /** Core's MAX_FILE_AGE in hours. */
    public static final long MAX_AGE_HOURS = 60;

    /** A decoded file: everything the estimator adopts. */
    record State(int bestSeenHeight, int historicalFirst, int historicalBest, double[] buckets, ConfirmStats medium,
            ConfirmStats shortTerm, ConfirmStats longTerm) {
    }

    private FeeEstimatesFile() {
    }

    static byte[] encode(int bestSeen, int first, int best, double[] buckets, ConfirmStats medium,
            ConfirmStats shortTerm, ConfirmStats longTerm) {
        ByteWriter w = new ByteWriter(64 * 1024);
        w.writeInt32(VERSION);
        w.writeInt32(0);
        w.writeUInt32(Integer.toUnsignedLong(bestSeen));
        w.writeUInt32(Integer.toUnsignedLong(first));
        w.writeUInt32(Integer.toUnsignedLong(best));
        ConfirmStats.writeDoubles(w, buckets);
        medium.write(w);
        shortTerm.write(w);
        longTerm.write(w);
        return w.toByteArray();
    }

    /**
     * Decodes a whole file; null for a file of an older version (which Core ignores with a
     * warning, returned through {@code log}). Bad content is a DecodeException with Core's words.
     */
    static State decode(byte[] data, List<String> log) {
        ByteReader r = new ByteReader(data);
        int version = r.readInt32("fee estimates version");
        r.readInt32("fee estimates unused field");
        if (version > VERSION) {
            throw new DecodeException("File version (" + version + ") too high to be read.");
        }
        long bestSeen = r.readUInt32("fee estimates best seen height");
        if (version < VERSION) {
            log.add("Incompatible old fee estimation data (non-fatal). Version: " + version);
            return null;
        }
        long first = r.readUInt32("fee estimates history start");
        long best = r.readUInt32("fee estimates history end");
        if (first > best || best > bestSeen) {
            throw new DecodeException("Corrupt estimates file. Historical block range for estimates is invalid");
        }
        double[] buckets = ConfirmStats.readDoubles(r, "bucket bounds");
        if (buckets.length <= 1 || buckets.length > 1000) {
            throw new DecodeException("Corrupt estimates file. Must have between 2 and 1000 feerate buckets");
        }
        for (int i = 1; i < buckets.length; i++) {
            if (!(buckets[i] > buckets[i - 1])) {
                throw new DecodeException("Corrupt estimates file. Bucket bounds must rise");
            }
        }
        ConfirmStats medium = ConfirmStats.read(r, buckets);
        ConfirmStats shortTerm = ConfirmStats.read(r, buckets);
        ConfirmStats longTerm = ConfirmStats.read(r, buckets);
        return new State((int) bestSeen, (int) first, (int) best, buckets, medium, shortTerm, longTerm);
    }

    /**
     * Core's startup read: a missing file, a stale one (unless {@code acceptStale}) or a bad one
     * leaves {@code estimator} as it is; returns the log lines saying which.
     */
    public static List<String> load(FeeEstimator estimator, Path file, long nowMillis, boolean acceptStale) {
        List<String> log = new ArrayList<>();
        byte[] data;
        try {
            long ageHours = (nowMillis - Files.getLastModifiedTime(file).toMillis()) / 3_600_000L;
            if (ageHours > MAX_AGE_HOURS && !acceptStale) {
                log.add("Fee estimation file " + file + " too old (age=" + ageHours + " > " + MAX_AGE_HOURS
                        + " hours) and will not be used to avoid serving stale estimates.");
                return log;
            }
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            log.add(file + " is not found. Continue anyway.");
            return log;
        } catch (IOException e) {
            log.add("Failed to read fee estimates from " + file + ": " + e.getMessage() + ". Continue anyway.");
            return log;
        }
        try {
            State s = decode(data, log);
            if (s != null) {
                estimator.restore(s);
            }
        } catch (RuntimeException e) {
            // DecodeException with Core's words; any other parser failure is bad content too.
            log.add("Unable to read policy estimator data (non-fatal): " + e.getMessage());
            log.add("Failed to read fee estimates from " + file + ". Continue anyway.");
        }
        return log;
    }

    /**
     * Core's shutdown Flush: transactions still waiting count as unconfirmed, then the state is
     * written (through a synced temporary file renamed over the old one).
     */
    public static String flush(FeeEstimator estimator, Path file) {
        estimator.flushUnconfirmed();
        return write(estimator, file);
    }

    /**
     * Core's FlushFeeEstimates: the state as it is (transactions waiting stay tracked), written
     * through a synced temporary file renamed over the old one.
     */
    public static String write(FeeEstimator estimator, Path file) {
        byte[] data = estimator.serialize();
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return "Flushed fee estimates to " + file.getFileName() + ".";
        } catch (IOException e) {
            return "Failed to write fee estimates to " + file + ": " + e.getMessage() + ". Continue anyway.";
        }
    }
}
