package org.btcmp.wallet.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * A BIP32 derivation path: child numbers, hardened ones with bit 31 set. Written as Core writes it
 * ({@code 84h/1h/0h}); parsed from {@code h} or {@code '} markers.
 */
public record KeyPath(List<Integer> steps) {
    public static final int HARDENED = 0x80000000;
    public static final KeyPath EMPTY = new KeyPath(List.of());

    public KeyPath {
        steps = List.copyOf(steps);
    }

    public static boolean isHardened(int childNumber) {
        return (childNumber & HARDENED) != 0;
    }

    /**
     * Parses {@code m/0h/1/2'} or {@code 0h/1} (no leading {@code m}).
     *
     * @throws IllegalArgumentException naming the bad element
     */
    public static KeyPath parse(String text) {
        String body = text;
        if (body.equals("m")) {
            return EMPTY;
        }
        if (body.startsWith("m/")) {
            body = body.substring(2);
        }
        if (body.isEmpty()) {
            return EMPTY;
        }
        List<Integer> steps = new ArrayList<>();
        for (String element : body.split("/", -1)) {
            steps.add(parseStep(element));
        }
        return new KeyPath(steps);
    }

    /** One path element: a decimal index below 2^31, optionally followed by {@code h} or {@code '}. */
    public static int parseStep(String element) {
        boolean hardened = element.endsWith("h") || element.endsWith("'");
        String digits = hardened ? element.substring(0, element.length() - 1) : element;
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Key path value '" + element + "' is not a valid uint32");
        }
        long value = Long.parseLong(digits);
        if (value >= 0x80000000L) {
            throw new IllegalArgumentException("Key path value " + value + " is out of range");
        }
        return (int) value | (hardened ? HARDENED : 0);
    }

    public KeyPath child(int childNumber) {
        List<Integer> more = new ArrayList<>(steps);
        more.add(childNumber);
        return new KeyPath(more);
    }

    public KeyPath append(KeyPath tail) {
        List<Integer> more = new ArrayList<>(steps);
        more.addAll(tail.steps);
        return new KeyPath(more);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public boolean hasHardenedStep() {
        return steps.stream().anyMatch(KeyPath::isHardened);
    }

    public static String stepToString(int childNumber) {
        return Integer.toUnsignedString(childNumber & ~HARDENED) + (isHardened(childNumber) ? "h" : "");
    }

    /** The elements joined by '/', each after a '/' (as inside a descriptor: {@code /84h/1h/0h}). */
    public String suffix() {
        StringBuilder b = new StringBuilder();
        for (int step : steps) {
            b.append('/').append(stepToString(step));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "m" + suffix();
    }
}
