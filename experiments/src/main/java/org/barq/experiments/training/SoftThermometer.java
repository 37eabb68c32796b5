package org.barq.experiments.training;

import java.util.Arrays;
import java.util.Comparator;
import org.barq.api.features.ThresholdCode;
import org.barq.objectives.network.Matrices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainable layer of bitwise soft quantization: on standardised features {@code z [B, F]} it gives, for every
 * threshold {@code a_c} of feature {@code f(c)}, {@code s = sigmoid((z_f(c) - a_c) / tau)}: a soft thermometer code
 * of {@code W = sum_f (2^b_f - 1)} values per sample, in the column order of {@link ThresholdCode}. Its backward pass
 * gives the gradient of the loss with respect to the thresholds (and, for tests, to {@code z}). The temperature starts
 * at 1 and {@link #anneal} multiplies it, floored at {@value #MIN_TEMPERATURE}; as it falls the soft code tends to the
 * hard one, {@code 1[z > a]}, which is what {@link #hardened} stores.
 */
final class SoftThermometer {
    /** The floor of the temperature: below it the sigmoid is a step for any difference F32 can hold. */
    static final double MIN_TEMPERATURE = 1e-4;

    private final ThresholdCode start;
    private final int[] featureOf;
    /** The thresholds {@code [1, W]}, which Adam updates in place. */
    final INDArray thresholds;
    /** Their gradient {@code [1, W]}, filled by {@link #thresholdGradient}. */
    final INDArray gradient;
    private double temperature = 1.0;

    /** @param start the quantizer whose bits, standardisation, name and starting thresholds it takes */
    SoftThermometer(ThresholdCode start) {
        this.start = start;
        int f = start.features();
        this.featureOf = new int[start.width()];
        for (int j = 0; j < f; j++) {
            Arrays.fill(featureOf, start.thresholdStart(j), start.thresholdStart(j + 1), j);
        }
        this.thresholds = Matrices.of(Matrices.widen(start.thresholds()), 1, featureOf.length);
        this.gradient = Nd4j.zeros(DataType.DOUBLE, 1, featureOf.length);
    }

    double temperature() {
        return temperature;
    }

    /** Multiplies the temperature by {@code factor}, never below {@value #MIN_TEMPERATURE}. */
    void anneal(double factor) {
        temperature = Math.max(MIN_TEMPERATURE, temperature * factor);
    }

    /**
     * @param scaled features on the quantizer's scale, row-major {@code [n, F]}
     * @return them standardised as the quantizer does, {@code [n, F]}
     */
    INDArray standardise(double[] scaled, int n) {
        int f = start.features();
        double[] z = new double[scaled.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                z[i * f + j] = start.standardised(j, scaled[i * f + j]);
            }
        }
        return Matrices.of(z, n, f);
    }

    /** @return {@code sigmoid((z_f(c) - a_c) / tau)}, {@code [B, W]} */
    INDArray forward(INDArray z) {
        return expanded(z, true);
    }

    /** @return {@code 1[z_f(c) > a_c]}, {@code [B, W]}: the hard code under the current thresholds */
    INDArray hard(INDArray z) {
        return expanded(z, false);
    }

    /** Each feature repeated for its thresholds, in plain arrays: ND4J's column gather is slow at this width. */
    private INDArray expanded(INDArray z, boolean soft) {
        int rows = (int) z.rows();
        int f = start.features();
        int w = featureOf.length;
        double[] zv = Matrices.values(z);
        double[] a = Matrices.values(thresholds);
        double[] out = new double[rows * w];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < w; c++) {
                double d = zv[i * f + featureOf[c]] - a[c];
                out[i * w + c] = soft ? 1.0 / (1.0 + Math.exp(-d / temperature)) : d > 0 ? 1.0 : 0.0;
            }
        }
        return Matrices.of(out, rows, w);
    }

    /**
     * Fills {@link #gradient} with {@code dL/da_c = -(1/tau) sum_i g_ic s_ic (1 - s_ic)}.
     *
     * @param soft     what {@link #forward} gave
     * @param upstream {@code dL/ds}, {@code [B, W]}
     */
    void thresholdGradient(INDArray soft, INDArray upstream) {
        gradient.assign(slope(soft, upstream).sum(true, 0).negi());
    }

    /** @return {@code dL/dz}, {@code [B, F]}: each feature's columns' {@code g s (1 - s) / tau}, summed */
    double[] inputGradient(INDArray soft, INDArray upstream) {
        double[] slope = Matrices.values(slope(soft, upstream));
        int rows = (int) soft.rows();
        int w = featureOf.length;
        int f = start.features();
        double[] out = new double[rows * f];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < w; c++) {
                out[i * f + featureOf[c]] += slope[i * w + c];
            }
        }
        return out;
    }

    private INDArray slope(INDArray soft, INDArray upstream) {
        return upstream.mul(soft).muli(soft.rsub(1.0)).divi(temperature);
    }

    /**
     * @return the current thresholds rounded to F32 and sorted within each feature (so that the count of thresholds
     *         passed is the thermometer the network saw), and {@code order}: new column {@code c} is old column
     *         {@code order[c]}, for the first layer's weights
     */
    Hardened hardened() {
        float[] values = new float[featureOf.length];
        double[] current = Matrices.values(thresholds);
        Integer[] order = new Integer[values.length];
        for (int c = 0; c < values.length; c++) {
            order[c] = c;
        }
        for (int j = 0; j < start.features(); j++) {
            Arrays.sort(order, start.thresholdStart(j), start.thresholdStart(j + 1),
                    Comparator.<Integer>comparingDouble(c -> (float) current[c]).thenComparingInt(c -> c));
        }
        int[] columns = new int[values.length];
        for (int c = 0; c < values.length; c++) {
            columns[c] = order[c];
            values[c] = (float) current[order[c]];
        }
        return new Hardened(new ThresholdCode(start.name(), ThresholdCode.Decoding.THERMOMETER,
                start.bitsPerFeature(), start.mean(), start.std(), values, new float[0]), columns);
    }

    /**
     * @param code  the stored quantizer
     * @param order the first layer's new column {@code c} is its old column {@code order[c]}
     */
    record Hardened(ThresholdCode code, int[] order) {
    }
}
