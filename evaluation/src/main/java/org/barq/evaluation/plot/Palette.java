package org.barq.evaluation.plot;

/** The colours of the slice pictures, as {@code 0xRRGGBB}. */
public final class Palette {
    /** Ten distinguishable class colours (Tableau 10); class {@code c} takes entry {@code c mod 10}. */
    private static final int[] CLASSES = {
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    };
    /** Viridis at t = 0, 0.25, 0.5, 0.75, 1: a sequential ramp that stays readable in grey scale. */
    private static final int[] RAMP = {0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725};

    /** Background. */
    public static final int WHITE = 0xFFFFFF;
    /** Text and junction marks. */
    public static final int BLACK = 0x000000;
    /** Boundary cells of the float model only, in the overlay. */
    public static final int FLOAT_ONLY = 0x0072B2;
    /** Boundary cells of the rounded model only, in the overlay. */
    public static final int ROUNDED_ONLY = 0xD55E00;
    /** Boundary cells of both models, in the overlay. */
    public static final int BOTH = 0x6A1B9A;
    /** Cells on the {@code t = 0} boundary that never change, in the interpolation picture. */
    public static final int UNCHANGED_BOUNDARY = 0xBDBDBD;

    private Palette() {
    }

    /** @return the colour of class {@code c >= 0} */
    public static int classColour(int c) {
        return CLASSES[c % CLASSES.length];
    }

    /** @return the colour darkened to 45 %, how boundary cells are drawn */
    public static int dark(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return ((r * 45 / 100) << 16) | ((g * 45 / 100) << 8) | (b * 45 / 100);
    }

    /** @return the ramp colour of {@code t in [0, 1]} (clamped), linear between the anchors */
    public static int ramp(double t) {
        double x = Math.max(0.0, Math.min(1.0, t)) * (RAMP.length - 1);
        int lo = Math.min((int) Math.floor(x), RAMP.length - 2);
        double f = x - lo;
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (RAMP[lo] >> shift) & 0xFF;
            int b = (RAMP[lo + 1] >> shift) & 0xFF;
            out |= ((int) Math.round(a + f * (b - a))) << shift;
        }
        return out;
    }
}
