package org.barq.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How the report prints numbers: a dot as the decimal separator, "n/a" for what is undefined, and never E-notation.
 * Measured figures below {@link #SMALL} get {@link #SIGNIFICANT} significant digits rather than fixed decimals, so that
 * an 8-bit flip rate of 0.000412 is not printed as 0.0004 beside a 3-bit one of 0.0422; from 0.001 up four decimals
 * keep two digits or more (0.0089), and the tables of nine methods stay within a page's width.
 */
public final class Numbers {
    /** Printed for a value the run does not have. */
    static final String NOT_AVAILABLE = "n/a";
    /** The significant digits of a small figure, and of a duration. */
    static final int SIGNIFICANT = 3;
    /** A nonzero figure smaller than this in size gets {@link #SIGNIFICANT} digits: 4 decimals would show 1 or none. */
    static final double SMALL = 0.001;

    private Numbers() {
    }

    /** @return the value with the given decimals, or "n/a" when it is not finite */
    static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * @return a measured figure: with the given decimals, or, nonzero and below {@link #SMALL} in size, to
     *         {@link #SIGNIFICANT} significant digits if that needs more; "n/a" when it is not finite
     */
    static String figure(double value, int decimals) {
        return fixed(value, figureDecimals(value, decimals));
    }

    /** @return the decimals {@link #figure} prints the value with */
    static int figureDecimals(double value, int decimals) {
        // judged after rounding, so that 0.0009996 is 0.0010 rather than 0.001000
        if (!Double.isFinite(value) || value == 0 || Math.abs(rounded(value)) >= SMALL) {
            return decimals;
        }
        int leading = (int) Math.floor(Math.log10(Math.abs(value)));
        return Math.max(decimals, SIGNIFICANT - 1 - leading);
    }

    /**
     * @return "mean ± std" when more than one value was finite, "mean" for one, "n/a" for none; the std is printed to
     *         the mean's decimals, or to a plain figure's if it needs fewer
     */
    static String meanStd(MeanStd stats, int decimals) {
        if (stats.n() == 0) {
            return NOT_AVAILABLE;
        }
        int shown = figureDecimals(stats.mean(), decimals);
        String mean = fixed(stats.mean(), shown);
        // a spread of 0 needs no more decimals than a plain figure: "0.000510 ± 0.0000", not "± 0.000000"
        int spread = Math.min(shown, figureDecimals(stats.std(), decimals));
        return stats.n() > 1 ? mean + " ± " + fixed(stats.std(), spread) : mean;
    }

    /**
     * @return "before → after (signed change)", or "n/a" parts where undefined; the change to the finer side's
     *         decimals
     */
    static String change(double before, double after, int decimals) {
        int shown = Math.max(figureDecimals(before, decimals), figureDecimals(after, decimals));
        String size = fixed(Math.abs(after - before), shown);
        // a change that rounds to nothing has no direction to show ("−0.0000" read as a loss)
        String sign = size.equals(fixed(0, shown)) ? "" : after - before >= 0 ? "+" : "−";
        String delta = Double.isFinite(before) && Double.isFinite(after) ? " (" + sign + size + ")" : "";
        return arrow(before, after, decimals) + delta;
    }

    /** @return "before → after", each as a {@link #figure}, "n/a" for an undefined side */
    static String arrow(double before, double after, int decimals) {
        return figure(before, decimals) + " → " + figure(after, decimals);
    }

    /** @return a chart point's value for its tooltip: a whole number without decimals, else a 4-decimal figure */
    static String point(double value) {
        if (Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return figure(value, 4);
    }

    /** @return a duration in the unit that keeps it readable (s, ms, µs, ns), to {@link #SIGNIFICANT} digits */
    static String seconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return NOT_AVAILABLE;
        }
        // the unit is chosen after rounding, so that 0.9996 s is 1 s rather than 1000 ms
        double magnitude = Math.abs(rounded(seconds));
        if (magnitude == 0 || magnitude >= 1) {
            return significant(seconds, SIGNIFICANT) + " s";
        }
        if (magnitude >= 1e-3) {
            return significant(seconds * 1e3, SIGNIFICANT) + " ms";
        }
        if (magnitude >= 1e-6) {
            return significant(seconds * 1e6, SIGNIFICANT) + " µs";
        }
        return significant(seconds * 1e9, SIGNIFICANT) + " ns";
    }

    /** @return the shortest plain decimal of a value such as {@code lambda} (0.1, 10, 0.001), "n/a" if not finite */
    static String compact(double value) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /**
     * @return a tick label: as {@link #compact} within {@code [0.001, 10000)}, else in powers of ten ({@code 1e-6},
     *         {@code 2.5e5}), which stay short at any magnitude
     */
    static String tick(double value) {
        double magnitude = Math.abs(value);
        if (!Double.isFinite(value) || value == 0 || (magnitude >= 1e-3 && magnitude < 1e4)) {
            return compact(value);
        }
        int exponent = (int) Math.floor(Math.log10(magnitude));
        double mantissa = Double.parseDouble(significant(value / Math.pow(10, exponent), 3));
        if (Math.abs(mantissa) >= 10) {
            mantissa /= 10;
            exponent++;
        }
        return compact(mantissa) + "e" + exponent;
    }

    /** @return the value rounded to {@link #SIGNIFICANT} significant digits */
    private static double rounded(double value) {
        return new BigDecimal(value).round(new MathContext(SIGNIFICANT)).doubleValue();
    }

    /**
     * Also what the commands print (evaluate's console), so that a figure reads the same there and in a report.
     *
     * @return the value rounded to some significant digits, printed as {@link #compact} does
     */
    public static String significant(double value, int digits) {
        if (!Double.isFinite(value) || value == 0) {
            return compact(value);
        }
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
