package org.barq.api.correction;

import org.barq.api.InvalidInputException;

/**
 * The two networks' logits on the same calibration samples: what a {@link CorrectionFitter} learns from.
 *
 * @param floatLogits   {@code Z_f}, row-major {@code [n, K]}
 * @param roundedLogits {@code Z_q}, row-major {@code [n, K]}
 * @param classes       {@code K}
 */
public record CalibrationLogits(double[] floatLogits, double[] roundedLogits, int classes) {
    /** Checks that both are {@code n} rows of {@code K} finite values. */
    public CalibrationLogits {
        if (classes < 1 || floatLogits.length != roundedLogits.length || floatLogits.length % classes != 0
                || floatLogits.length == 0) {
            throw new InvalidInputException("calibration logits: " + floatLogits.length + " float and "
                    + roundedLogits.length + " rounded values are not the same n > 0 rows of " + classes
                    + " classes. Maybe the two models differ?");
        }
        for (int i = 0; i < floatLogits.length; i++) {
            if (!Double.isFinite(floatLogits[i]) || !Double.isFinite(roundedLogits[i])) {
                throw new InvalidInputException("calibration logit " + i + " is not finite (float "
                        + floatLogits[i] + ", rounded " + roundedLogits[i] + "). Maybe the model diverged?");
            }
        }
    }

    /** @return the number of samples {@code n} */
    public int samples() {
        return floatLogits.length / classes;
    }
}
