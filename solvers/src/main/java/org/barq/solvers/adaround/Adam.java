package org.barq.solvers.adaround;

/** Adam (Kingma and Ba) with the usual betas 0.9 and 0.999, epsilon 1e-8 and bias correction, one parameter at a time. */
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

    /** @return the next iteration, whose bias corrections every parameter's update shares */
    Step next() {
        beta1Power *= BETA1;
        beta2Power *= BETA2;
        return new Step(1 - beta1Power, 1 - beta2Power);
    }

    /** One iteration; parameters it is not asked to update keep their value and moments. */
    final class Step {
        private final double c1;
        private final double c2;

        private Step(double c1, double c2) {
            this.c1 = c1;
            this.c2 = c2;
        }

        /**
         * @param i        the parameter
         * @param value    its value
         * @param gradient the loss gradient at it
         * @return its updated value
         */
        double update(int i, double value, double gradient) {
            m[i] = BETA1 * m[i] + (1 - BETA1) * gradient;
            s[i] = BETA2 * s[i] + (1 - BETA2) * gradient * gradient;
            return value - lr * (m[i] / c1) / (Math.sqrt(s[i] / c2) + EPSILON);
        }
    }
}
