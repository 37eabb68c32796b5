package org.barq.solvers.adaround;

/** Adam (Kingma and Ba) with the usual betas 0.9 and 0.999, epsilon 1e-8 and bias correction, in place. */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double lr;
    private final double[] m;
    private final double[] s;
    private double beta1Power = 1;
    private double beta2Power = 1;

    /**
     * @param lr   the learning rate
     * @param size the number of parameters
     */
    Adam(double lr, int size) {
        this.lr = lr;
        this.m = new double[size];
        this.s = new double[size];
    }

    /**
     * One update of {@code params} against {@code gradient}.
     *
     * @param params   changed in place
     * @param gradient the loss gradient at {@code params}
     * @param chunks   runs the elementwise update
     */
    void step(double[] params, double[] gradient, ParallelChunks chunks) {
        beta1Power *= BETA1;
        beta2Power *= BETA2;
        double c1 = 1 - beta1Power;
        double c2 = 1 - beta2Power;
        chunks.sum((from, to) -> {
            for (int i = from; i < to; i++) {
                double g = gradient[i];
                m[i] = BETA1 * m[i] + (1 - BETA1) * g;
                s[i] = BETA2 * s[i] + (1 - BETA2) * g * g;
                params[i] -= lr * (m[i] / c1) / (Math.sqrt(s[i] / c2) + EPSILON);
            }
            return 0;
        });
    }
}
