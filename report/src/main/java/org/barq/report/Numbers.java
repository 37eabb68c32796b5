package org.barq.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the report prints numbers: fixed decimals, a dot as the decimal separator, "n/a" for what is undefined. */
final class Numbers {
    /** Printed for a value the run does not have. */
    static final String NOT_AVAILABLE = "n/a";

    private Numbers() {
    }

    /** @return the value with the given decimals, or "n/a" when it is not finite */
    static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** @return "mean ± std" when more than one value was finite, "mean" for one, "n/a" for none */
    static String meanStd(MeanStd stats, int decimals) {
        if (stats.n() == 0) {
            return NOT_AVAILABLE;
        }
        String mean = fixed(stats.mean(), decimals);
        return stats.n() > 1 ? mean + " ± " + fixed(stats.std(), decimals) : mean;
    }

    /** @return "before → after (signed change)", or "n/a" parts where undefined */
    static String change(double before, double after, int decimals) {
        String size = fixed(Math.abs(after - before), decimals);
        // a change that rounds to nothing has no direction to show ("−0.0000" read as a loss)
        String sign = size.equals(fixed(0, decimals)) ? "" : after - before >= 0 ? "+" : "−";
        String delta = Double.isFinite(before) && Double.isFinite(after) ? " (" + sign + size + ")" : "";
        return fixed(before, decimals) + " → " + fixed(after, decimals) + delta;
    }

    /** @return "before → after", "n/a" for an undefined side */
    static String arrow(double before, double after, int decimals) {
        return fixed(before, decimals) + " → " + fixed(after, decimals);
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

    /** @return the value rounded to some significant digits, printed as {@link #compact} does */
    static String significant(double value, int digits) {
        if (!Double.isFinite(value) || value == 0) {
            return compact(value);
        }
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
