package org.barq.api.correction;

import java.util.Arrays;
import java.util.Optional;
import org.barq.api.InvalidInputException;

/**
 * A fitted cluster-wise affine correction of a rounded network's logits (CAT, issue 17): a sample's rounded logits
 * {@code z} (K values) go to the nearest of {@code C} centroids, compared after an optional PCA to {@code d}
 * dimensions, and come out as {@code z + alpha ((gamma_c z + beta_c) - z)}, output by output. One cluster and no PCA
 * is the single affine baseline. Every parameter is F32, as the checkpoint stores it, so that a correction read back
 * from a file corrects the same logits to the same values; the arithmetic is in double.
 */
public final class LogitCorrection {
    private final String method;
    private final double alpha;
    private final int classes;
    private final int clusters;
    private final int dimensions;
    private final float[] centroids;
    private final Optional<Projection> projection;
    private final float[] gamma;
    private final float[] beta;

    /**
     * A PCA of the logits: {@code p = (z - mean) components^T}.
     *
     * @param mean       {@code [K]}
     * @param components {@code [d, K]}, row-major
     */
    public record Projection(float[] mean, float[] components) {
        /** Copies the arrays. */
        public Projection {
            mean = mean.clone();
            components = components.clone();
        }

        /** @return the number of dimensions {@code d} it projects to */
        public int dimensions() {
            return mean.length == 0 ? 0 : components.length / mean.length;
        }

        @Override
        public float[] mean() {
            return mean.clone();
        }

        @Override
        public float[] components() {
            return components.clone();
        }
    }

    /**
     * @param method     the fitter's registered name, e.g. {@code cat}
     * @param alpha      how far to move towards the fitted values, in {@code [0, 1]}
     * @param classes    {@code K}
     * @param centroids  {@code [C, d]}, row-major, in the projected space ({@code d = K} without a projection)
     * @param projection the PCA, or empty
     * @param gamma      {@code [C, K]}
     * @param beta       {@code [C, K]}
     * @throws InvalidInputException naming the part whose shape or values are wrong
     */
    public LogitCorrection(String method, double alpha, int classes, float[] centroids, Optional<Projection> projection,
                           float[] gamma, float[] beta) {
        if (method == null || method.isBlank()) {
            throw new InvalidInputException("a logit correction needs a method name. Maybe 'cat' or 'affine'?");
        }
        if (!(alpha >= 0.0 && alpha <= 1.0)) {
            throw new InvalidInputException("correction alpha is " + alpha + "; it must lie in [0, 1]. Maybe 0.4, the"
                    + " method's default?");
        }
        if (classes < 1) {
            throw new InvalidInputException("a logit correction needs at least one class, not " + classes + ".");
        }
        this.method = method;
        this.alpha = alpha;
        this.classes = classes;
        this.projection = projection;
        this.dimensions = projection.map(Projection::dimensions).orElse(classes);
        if (projection.isPresent()) {
            Projection p = projection.get();
            if (p.mean.length != classes || p.components.length == 0 || p.components.length % classes != 0) {
                throw new InvalidInputException("correction PCA has a mean of " + p.mean.length + " values and "
                        + p.components.length + " component values for " + classes + " classes; it needs [" + classes
                        + "] and [d, " + classes + "]. Maybe the file was edited?");
            }
            requireFinite("PCA mean", p.mean);
            requireFinite("PCA components", p.components);
        }
        if (centroids.length == 0 || centroids.length % dimensions != 0) {
            throw new InvalidInputException("correction centroids hold " + centroids.length + " values, not a whole"
                    + " number of " + dimensions + "-dimensional points. Maybe the file was edited?");
        }
        this.clusters = centroids.length / dimensions;
        requireShape("gamma", gamma);
        requireShape("beta", beta);
        this.centroids = requireFinite("centroids", centroids.clone());
        this.gamma = requireFinite("gamma", gamma.clone());
        this.beta = requireFinite("beta", beta.clone());
    }

    private void requireShape(String name, float[] values) {
        if (values.length != (long) clusters * classes) {
            throw new InvalidInputException("correction " + name + " holds " + values.length + " values but "
                    + clusters + " clusters of " + classes + " classes need " + (long) clusters * classes
                    + ". Maybe the file was edited?");
        }
    }

    private static float[] requireFinite(String name, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidInputException("correction " + name + " value " + i + " is " + values[i]
                        + ". Maybe the fit saw non-finite logits?");
            }
        }
        return values;
    }

    /** @return the fitter's registered name */
    public String method() {
        return method;
    }

    /** @return how far the fitted values replace the rounded logits */
    public double alpha() {
        return alpha;
    }

    /** @return {@code K} */
    public int classes() {
        return classes;
    }

    /** @return {@code C} */
    public int clusters() {
        return clusters;
    }

    /** @return {@code d}, the dimensions in which samples are compared with the centroids */
    public int dimensions() {
        return dimensions;
    }

    /** @return the PCA, if the centroids live in a projected space */
    public Optional<Projection> projection() {
        return projection;
    }

    /** @return the centroids, {@code [C, d]} */
    public float[] centroids() {
        return centroids.clone();
    }

    /** @return {@code gamma}, {@code [C, K]} */
    public float[] gamma() {
        return gamma.clone();
    }

    /** @return {@code beta}, {@code [C, K]} */
    public float[] beta() {
        return beta.clone();
    }

    /**
     * @param logits row-major {@code [n, K]}
     * @param row    the sample
     * @return the index of the nearest centroid (squared Euclidean; a tie goes to the lower index)
     */
    public int cluster(double[] logits, int row) {
        int base = row * classes;
        double[] point = new double[dimensions];
        if (projection.isPresent()) {
            float[] mean = projection.get().mean;
            float[] components = projection.get().components;
            for (int a = 0; a < dimensions; a++) {
                double s = 0.0;
                for (int j = 0; j < classes; j++) {
                    s += (logits[base + j] - mean[j]) * components[a * classes + j];
                }
                point[a] = s;
            }
        } else {
            System.arraycopy(logits, base, point, 0, classes);
        }
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < clusters; c++) {
            double distance = 0.0;
            for (int a = 0; a < dimensions; a++) {
                double diff = point[a] - centroids[c * dimensions + a];
                distance += diff * diff;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    /** @return the factor {@code 1 + alpha (gamma_cj - 1)} by which the correction multiplies logit {@code j} */
    public double slope(int cluster, int j) {
        return 1.0 + alpha * (gamma[cluster * classes + j] - 1.0);
    }

    /** @return the term {@code alpha beta_cj} the correction adds to logit {@code j} */
    public double shift(int cluster, int j) {
        return alpha * beta[cluster * classes + j];
    }

    /**
     * @param logits rounded logits, row-major {@code [n, K]}
     * @return the corrected logits, a new array of the same shape
     * @throws InvalidInputException if the logits are not rows of {@code K}
     */
    public double[] apply(double[] logits) {
        if (logits.length % classes != 0) {
            throw new InvalidInputException(logits.length + " logits are not rows of " + classes + " classes. Maybe"
                    + " the correction belongs to another model?");
        }
        double[] corrected = new double[logits.length];
        for (int i = 0; i < logits.length / classes; i++) {
            int c = cluster(logits, i);
            for (int j = 0; j < classes; j++) {
                int at = i * classes + j;
                corrected[at] = slope(c, j) * logits[at] + shift(c, j);
            }
        }
        return corrected;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogitCorrection other && method.equals(other.method) && alpha == other.alpha
                && classes == other.classes && Arrays.equals(centroids, other.centroids)
                && projection.isPresent() == other.projection.isPresent()
                && (projection.isEmpty() || Arrays.equals(projection.get().mean, other.projection.get().mean)
                        && Arrays.equals(projection.get().components, other.projection.get().components))
                && Arrays.equals(gamma, other.gamma) && Arrays.equals(beta, other.beta);
    }

    @Override
    public int hashCode() {
        return 31 * method.hashCode() + Arrays.hashCode(gamma);
    }

    @Override
    public String toString() {
        return method + " correction (" + clusters + (clusters == 1 ? " cluster" : " clusters") + ", alpha " + alpha
                + projection.map(p -> ", PCA to " + p.dimensions()).orElse("") + ")";
    }
}
