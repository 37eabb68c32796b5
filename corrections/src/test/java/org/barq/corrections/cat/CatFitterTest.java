package org.barq.corrections.cat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;
import org.barq.api.solver.SolverOptions;
import org.barq.api.correction.CalibrationLogits;
import org.barq.api.correction.CorrectionFitter;
import org.barq.api.correction.LogitCorrection;
import org.barq.corrections.affine.AffineFitter;
import org.junit.jupiter.api.Test;

class CatFitterTest {
    private static final int K = 4;

    /**
     * Rounded logits in four blobs; the float logits are a different affine map of them in each blob plus noise, so
     * that one map for all samples cannot fit them but one per cluster can.
     */
    static CalibrationLogits blobs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] zq = new double[n * K];
        double[] zf = new double[n * K];
        for (int i = 0; i < n; i++) {
            int blob = i % 4;
            for (int j = 0; j < K; j++) {
                double q = (j == blob ? 8.0 : 0.0) + random.nextGaussian();
                zq[i * K + j] = q;
                zf[i * K + j] = (1.0 + 0.5 * blob) * q + (blob - j) + 0.05 * random.nextGaussian();
            }
        }
        return new CalibrationLogits(zf, zq, K);
    }

    static double error(double[] zf, double[] z) {
        double s = 0.0;
        for (int i = 0; i < z.length; i++) {
            s += (zf[i] - z[i]) * (zf[i] - z[i]);
        }
        return s;
    }

    private static LogitCorrection fit(CorrectionFitter fitter, CalibrationLogits logits, Map<String, String> options,
                                       long seed) {
        return fitter.fit(logits, fitter.descriptor().validate(options), seed);
    }

    @Test
    void lowersTheCalibrationErrorMoreThanOneAffineMapWhichLowersItBelowNoCorrection() {
        CalibrationLogits logits = blobs(400, 1);
        double none = error(logits.floatLogits(), logits.roundedLogits());
        for (String alpha : new String[] {"0.4", "1"}) {
            LogitCorrection cat = fit(new CatFitter(), logits, Map.of("alpha", alpha, "clusters", "8"), 3);
            LogitCorrection affine = fit(new AffineFitter(), logits, Map.of("alpha", alpha), 3);
            double catError = error(logits.floatLogits(), cat.apply(logits.roundedLogits()));
            double affineError = error(logits.floatLogits(), affine.apply(logits.roundedLogits()));
            assertTrue(affineError < none, "affine " + affineError + " vs none " + none);
            assertTrue(catError < affineError, "cat " + catError + " vs affine " + affineError);
        }
        LogitCorrection exact = fit(new CatFitter(), logits, Map.of("alpha", "1", "clusters", "8"), 3);
        assertTrue(error(logits.floatLogits(), exact.apply(logits.roundedLogits())) < 0.01 * none);
    }

    @Test
    void isDeterministicForASeedAndTheSeedMatters() {
        CalibrationLogits logits = blobs(640, 2);
        Map<String, String> options = Map.of("clusters", "20", "pca", "2");
        LogitCorrection a = fit(new CatFitter(), logits, options, 7);
        assertEquals(a, fit(new CatFitter(), logits, options, 7));
        assertNotEquals(a, fit(new CatFitter(), logits, options, 8));
        assertEquals(2, a.dimensions());
    }

    @Test
    void usesFewerClustersWhenTheyWouldHoldFewerThanTheMinimumSize() {
        assertEquals(64, CatFitter.clusters(2048, 64, 16));
        assertEquals(10, CatFitter.clusters(160, 64, 16));
        assertEquals(1, CatFitter.clusters(5, 64, 16));
        assertEquals(10, fit(new CatFitter(), blobs(160, 3), Map.of(), 0).clusters());
    }

    @Test
    void refusesBadOptionsInOneLine() {
        CalibrationLogits logits = blobs(64, 4);
        InvalidInputException pca = assertThrows(InvalidInputException.class,
                () -> fit(new CatFitter(), logits, Map.of("pca", "5"), 0));
        assertEquals("correction cat option pca=5 is not valid: use 0 (no PCA) to 4, the number of logits. Maybe"
                + " pca=4?", pca.getMessage());
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> new AffineFitter().descriptor().validate(Map.of("clusters", "3")));
        assertEquals("correction affine has no option 'clusters'. Maybe one of: alpha?", unknown.getMessage());
        InvalidInputException alpha = assertThrows(InvalidInputException.class,
                () -> fit(new CatFitter(), logits, Map.of("alpha", "1.5"), 0));
        assertEquals("correction option alpha=1.5 is not valid: it must lie in [0, 1]. Maybe alpha=0.4?",
                alpha.getMessage());
        SolverOptions given = new CatFitter().descriptor().validate(Map.of("clusters", "0"));
        InvalidInputException early = assertThrows(InvalidInputException.class,
                () -> new CatFitter().checkOptions(given), "checked before any rounding, not in the fit");
        assertEquals("correction cat option clusters=0 is not valid: use a whole number of at least 1. Maybe leave it"
                + " out for its default (barq solvers lists it)?",
                early.getMessage());
        InvalidInputException affineAlpha = assertThrows(InvalidInputException.class,
                () -> new AffineFitter().checkOptions(new AffineFitter().descriptor().validate(Map.of("alpha", "-1"))));
        assertTrue(affineAlpha.getMessage().contains("alpha=-1.0 is not valid"), affineAlpha.getMessage());
    }
}
