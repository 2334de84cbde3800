package org.btcmp.node.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.TreeSet;

/**
 * Core's feerate diagram: cumulative fee against cumulative size over chunks in feerate order,
 * flat after the last chunk. A replacement must make the diagram of the clusters it touches
 * strictly better (CompareChunks: nowhere lower, somewhere higher).
 */
final class FeerateDiagram {
    private final long[] sizes;
    private final long[] fees;

    /** {@code chunks} highest feerate first. */
    FeerateDiagram(List<Linearizer.Chunk> chunks) {
        sizes = new long[chunks.size() + 1];
        fees = new long[chunks.size() + 1];
        for (int i = 0; i < chunks.size(); i++) {
            sizes[i + 1] = sizes[i] + chunks.get(i).size();
            fees[i + 1] = fees[i] + chunks.get(i).fee();
        }
    }

    /** Whether this diagram is at least {@code other} everywhere and above it somewhere. */
    boolean strictlyBetterThan(FeerateDiagram other) {
        return compare(other) > 0;
    }

    /** Whether this diagram is nowhere below {@code other}. */
    boolean nowhereBelow(FeerateDiagram other) {
        return compare(other) >= 0;
    }

    /** -1: below somewhere; 0: equal everywhere; 1: nowhere below and above somewhere. */
    private int compare(FeerateDiagram other) {
        TreeSet<Long> points = new TreeSet<>();
        for (long s : sizes) {
            points.add(s);
        }
        for (long s : other.sizes) {
            points.add(s);
        }
        boolean above = false;
        for (long x : points) {
            int c = feeAt(x).compareTo(other.feeAt(x));
            if (c < 0) {
                return -1;
            }
            above |= c > 0;
        }
        return above ? 1 : 0;
    }

    /** The diagram's fee at size {@code x}, as an exact fraction. */
    private Fraction feeAt(long x) {
        int last = sizes.length - 1;
        if (x >= sizes[last]) {
            return new Fraction(BigInteger.valueOf(fees[last]), BigInteger.ONE);
        }
        int k = 1;
        while (sizes[k] < x) {
            k++;
        }
        long segment = sizes[k] - sizes[k - 1];
        BigInteger num = BigInteger.valueOf(fees[k - 1]).multiply(BigInteger.valueOf(segment))
                .add(BigInteger.valueOf(fees[k] - fees[k - 1]).multiply(BigInteger.valueOf(x - sizes[k - 1])));
        return new Fraction(num, BigInteger.valueOf(segment));
    }

    private record Fraction(BigInteger num, BigInteger den) implements Comparable<Fraction> {
        @Override
        public int compareTo(Fraction o) {
            return num.multiply(o.den).compareTo(o.num.multiply(den));
        }
    }
}
