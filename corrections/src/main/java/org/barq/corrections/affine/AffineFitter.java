package org.barq.corrections.affine;

import java.util.List;
import java.util.Optional;
import org.barq.api.correction.CalibrationLogits;
import org.barq.api.correction.CorrectionDescriptor;
import org.barq.api.correction.CorrectionFitter;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.SolverOptions;
import org.barq.corrections.ClusterAffineFit;
import org.barq.corrections.cat.CatFitter;

/**
 * One {@code gamma, beta} per output for every sample: the single affine correction that CAT is compared against.
 * Stored as CAT with one cluster (its centroid the mean rounded logits), so that every reader applies both the same
 * way.
 */
public final class AffineFitter implements CorrectionFitter {
    /** The registry name. */
    public static final String NAME = "affine";

    private static final CorrectionDescriptor DESCRIPTOR = new CorrectionDescriptor(NAME,
            "one affine map per logit for all samples, z + alpha((gamma z + beta) - z): CAT's baseline",
            List.of(new OptionSpec(CatFitter.ALPHA, CatFitter.DEFAULT_ALPHA,
                    "how far to move towards the fitted logits, 0 to 1")));

    @Override
    public CorrectionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void checkOptions(SolverOptions options) {
        CatFitter.requireAlpha(options);
    }

    @Override
    public LogitCorrection fit(CalibrationLogits logits, SolverOptions options, long seed) {
        int n = logits.samples();
        int k = logits.classes();
        ClusterAffineFit fit = ClusterAffineFit.of(logits, new int[n], 1);
        double[] zq = logits.roundedLogits();
        float[] centroid = new float[k];
        for (int j = 0; j < k; j++) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += zq[i * k + j];
            }
            centroid[j] = (float) (sum / n);
        }
        return new LogitCorrection(NAME, options.getDouble(CatFitter.ALPHA), k, centroid, Optional.empty(),
                fit.gamma(), fit.beta());
    }
}
