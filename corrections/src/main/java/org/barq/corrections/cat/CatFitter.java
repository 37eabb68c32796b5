package org.barq.corrections.cat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;
import org.barq.api.InvalidInputException;
import org.barq.api.correction.CalibrationLogits;
import org.barq.api.correction.CorrectionDescriptor;
import org.barq.api.correction.CorrectionFitter;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.SolverOptions;
import org.barq.corrections.ClusterAffineFit;

/**
 * CAT, the cluster-based affine transformation (issue 17), as its authors' code does it: the calibration samples are
 * clustered by their rounded logits {@code Z_q} with k-means++ (optionally after a PCA), and each cluster gets its own
 * least-squares {@code gamma, beta} per output ({@link ClusterAffineFit}). The number of clusters is the option's,
 * lowered so that each cluster has on average at least {@code min-cluster-size} samples: a per-cluster regression on
 * a handful of samples fits noise.
 *
 * <p>Samples are assigned for the fit as they will be at inference, to their nearest stored (F32) centroid, so that
 * the fitted parameters belong to the clusters the deployed model uses.
 */
public final class CatFitter implements CorrectionFitter {
    /** The registry name. */
    public static final String NAME = "cat";
    /** Option: how far to move towards the fitted logits. */
    public static final String ALPHA = "alpha";
    /** The method's default alpha. */
    public static final String DEFAULT_ALPHA = "0.4";
    static final String CLUSTERS = "clusters";
    static final String MIN_CLUSTER_SIZE = "min-cluster-size";
    static final String PCA = "pca";
    static final String ITERATIONS = "iterations";

    private static final CorrectionDescriptor DESCRIPTOR = new CorrectionDescriptor(NAME,
            "CAT: k-means++ clusters of the rounded logits, one affine map per cluster and logit",
            List.of(new OptionSpec(ALPHA, DEFAULT_ALPHA, "how far to move towards the fitted logits, 0 to 1"),
                    new OptionSpec(CLUSTERS, "64", "most clusters C"),
                    new OptionSpec(MIN_CLUSTER_SIZE, "16", "C is lowered to at most n / this many"),
                    new OptionSpec(PCA, "0", "cluster after a PCA to this many dimensions; 0 for none"),
                    new OptionSpec(ITERATIONS, "100", "most k-means iterations")));

    @Override
    public CorrectionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void checkOptions(SolverOptions options) {
        positive(options, CLUSTERS);
        positive(options, MIN_CLUSTER_SIZE);
        positive(options, ITERATIONS);
        int dimensions = options.getInt(PCA);
        if (dimensions < 0) {
            throw new InvalidInputException("correction cat option pca=" + dimensions + " is not valid: use 0 (no"
                    + " PCA) up to the number of logits. Maybe pca=0?");
        }
        requireAlpha(options);
    }

    @Override
    public void checkOptions(SolverOptions options, int classes) {
        checkOptions(options);
        requirePca(options.getInt(PCA), classes);
    }

    private static void requirePca(int dimensions, int classes) {
        if (dimensions < 0 || dimensions > classes) {
            throw new InvalidInputException("correction cat option pca=" + dimensions + " is not valid: use 0 (no"
                    + " PCA) to " + classes + ", the number of logits. Maybe pca=" + classes + "?");
        }
    }

    /** @return the option alpha, refused outside [0, 1] */
    public static double requireAlpha(SolverOptions options) {
        double alpha = options.getDouble(ALPHA);
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new InvalidInputException("correction option alpha=" + alpha + " is not valid: it must lie in"
                    + " [0, 1]. Maybe alpha=" + DEFAULT_ALPHA + "?");
        }
        return alpha;
    }

    @Override
    public LogitCorrection fit(CalibrationLogits logits, SolverOptions options, long seed) {
        int n = logits.samples();
        int k = logits.classes();
        int clusters = clusters(n, positive(options, CLUSTERS), positive(options, MIN_CLUSTER_SIZE));
        int dimensions = options.getInt(PCA);
        requirePca(dimensions, k);
        Optional<LogitCorrection.Projection> projection = dimensions == 0 ? Optional.empty()
                : Optional.of(LogitPca.fit(logits.roundedLogits(), n, k, dimensions));
        int d = dimensions == 0 ? k : dimensions;
        double[] points = project(logits.roundedLogits(), n, k, projection);
        List<DoublePoint> data = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] p = new double[d];
            System.arraycopy(points, i * d, p, 0, d);
            data.add(new DoublePoint(p));
        }
        KMeansPlusPlusClusterer<DoublePoint> kmeans = new KMeansPlusPlusClusterer<>(clusters,
                positive(options, ITERATIONS), new EuclideanDistance(), new Well19937c(seed));
        List<CentroidCluster<DoublePoint>> found = kmeans.cluster(data);
        float[] centroids = new float[found.size() * d];
        for (int c = 0; c < found.size(); c++) {
            double[] centre = found.get(c).getCenter().getPoint();
            for (int a = 0; a < d; a++) {
                centroids[c * d + a] = (float) centre[a];
            }
        }
        double alpha = requireAlpha(options);
        int c = found.size();
        // The assignment rule of the deployed model: nearest stored centroid, identity parameters for now.
        LogitCorrection assigner = new LogitCorrection(NAME, alpha, k, centroids, projection, ones(c * k),
                new float[c * k]);
        int[] assignment = new int[n];
        double[] zq = logits.roundedLogits();
        for (int i = 0; i < n; i++) {
            assignment[i] = assigner.cluster(zq, i);
        }
        ClusterAffineFit fit = ClusterAffineFit.of(logits, assignment, c);
        return new LogitCorrection(NAME, alpha, k, centroids, projection, fit.gamma(), fit.beta());
    }

    /** @return {@code min(most, max(1, n / minSize))} */
    static int clusters(int n, int most, int minSize) {
        return Math.min(most, Math.max(1, n / minSize));
    }

    private static int positive(SolverOptions options, String name) {
        int v = options.getInt(name);
        if (v < 1) {
            throw new InvalidInputException("correction cat option " + name + "=" + v + " is not valid: use a whole"
                    + " number of at least 1. Maybe leave it out for its default (barq solvers lists it)?");
        }
        return v;
    }

    private static double[] project(double[] z, int n, int k, Optional<LogitCorrection.Projection> projection) {
        if (projection.isEmpty()) {
            return z.clone();
        }
        float[] mean = projection.get().mean();
        float[] components = projection.get().components();
        int d = projection.get().dimensions();
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double s = 0.0;
                for (int j = 0; j < k; j++) {
                    s += (z[i * k + j] - mean[j]) * components[a * k + j];
                }
                out[i * d + a] = s;
            }
        }
        return out;
    }

    private static float[] ones(int size) {
        float[] v = new float[size];
        java.util.Arrays.fill(v, 1f);
        return v;
    }
}
