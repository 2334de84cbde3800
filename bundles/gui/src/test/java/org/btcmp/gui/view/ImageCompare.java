package org.btcmp.gui.view;

import java.awt.image.BufferedImage;

/**
 * Compares a rendered screen with its reference image: a pixel differs when any colour channel is
 * more than {@link #CHANNEL_TOLERANCE} apart; the screens match when at most {@link #MAX_DIFFERING}
 * pixels differ (room for stray anti-aliasing noise; one changed digit alters about 80).
 */
final class ImageCompare {
    static final int CHANNEL_TOLERANCE = 24;
    static final int MAX_DIFFERING = 20;

    private ImageCompare() {
    }

    /** What a comparison found: the differing pixels (all of them when the sizes differ) and a diff image. */
    record Result(long differing, BufferedImage diff) {
        boolean matches() {
            return differing <= MAX_DIFFERING;
        }
    }

    static Result compare(BufferedImage expected, BufferedImage actual) {
        if (expected.getWidth() != actual.getWidth() || expected.getHeight() != actual.getHeight()) {
            return new Result((long) actual.getWidth() * actual.getHeight(), actual);
        }
        BufferedImage diff = new BufferedImage(actual.getWidth(), actual.getHeight(), BufferedImage.TYPE_INT_RGB);
        long differing = 0;
        for (int y = 0; y < actual.getHeight(); y++) {
            for (int x = 0; x < actual.getWidth(); x++) {
                int a = expected.getRGB(x, y);
                int b = actual.getRGB(x, y);
                boolean differs = false;
                for (int shift = 0; shift <= 16; shift += 8) {
                    if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > CHANNEL_TOLERANCE) {
                        differs = true;
                    }
                }
                if (differs) {
                    differing++;
                }
                diff.setRGB(x, y, differs ? 0xff0000 : (b & 0xfefefe) >> 1 | 0x808080);
            }
        }
        return new Result(differing, diff);
    }
}
