package org.barq.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.model.Network;
import org.barq.objectives.network.ClassPair;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's pass over a whole set, in batches small enough that a convolutional network's activations fit (an MLP's
 * sets go through in one): the logits, the input gradients of the pair gap and the representations whose Fisher
 * ratios the evaluation reports, each gathered over the set.
 */
final class SetPass {
    /** The most values one layer's activations may hold in a batch: 64 MB in double. */
    static final long BATCH_VALUES = 8_000_000;

    private final double[] logits;
    private final double[] gradients;
    private final List<double[]> hidden;
    private final ClassPair pair;

    private SetPass(double[] logits, double[] gradients, List<double[]> hidden, ClassPair pair) {
        this.logits = logits;
        this.gradients = gradients;
        this.hidden = hidden;
        this.pair = pair;
    }

    /**
     * @param network the network
     * @param x       scaled inputs, row-major {@code [n, d]}
     * @param n       samples
     * @param pair    the classes of each sample's gap; null to take each sample's top two of this network's logits
     * @return the pass's results over all samples
     */
    static SetPass run(Network network, double[] x, int n, ClassPair pair) {
        return run(network, Optional.empty(), x, n, pair, batchRows(network, n));
    }

    /**
     * As {@link #run(Network, double[], int, ClassPair)} for the deployed model: the network's logits after the
     * correction, and the gradients of their pair gap.
     */
    static SetPass run(Network network, Optional<LogitCorrection> correction, double[] x, int n, ClassPair pair) {
        return run(network, correction, x, n, pair, batchRows(network, n));
    }

    /** As {@link #run(Network, Optional, double[], int, ClassPair)} with {@code rows} samples per batch. */
    static SetPass run(Network network, Optional<LogitCorrection> correction, double[] x, int n, ClassPair pair,
                       int rows) {
        int d = network.input().size();
        int k = network.classes();
        List<Integer> weightLayers = network.weightLayers();
        double[] logits = new double[n * k];
        double[] gradients = new double[n * d];
        int[] first = new int[n];
        int[] second = new int[n];
        List<double[]> hidden = new ArrayList<>();
        for (int w = 1; w < weightLayers.size(); w++) {
            hidden.add(new double[n * network.shapeBefore(weightLayers.get(w)).size()]);
        }
        for (int start = 0; start < n; start += rows) {
            int count = Math.min(rows, n - start);
            INDArray batch = count == n ? Matrices.of(x, n, d)
                    : Matrices.of(Arrays.copyOfRange(x, start * d, (start + count) * d), count, d);
            NetworkPass pass = NetworkPass.run(network, batch);
            double[] raw = Matrices.values(pass.logits());
            double[] deployed = correction.isPresent() ? correction.get().apply(raw) : raw;
            ClassPair batchPair = pair == null ? ClassPair.of(Matrices.of(deployed, count, k)) : null;
            for (int i = 0; i < count; i++) {
                first[start + i] = pair == null ? batchPair.first()[i] : pair.first()[start + i];
                second[start + i] = pair == null ? batchPair.second()[i] : pair.second()[start + i];
            }
            System.arraycopy(deployed, 0, logits, start * k, count * k);
            int[] c1 = Arrays.copyOfRange(first, start, start + count);
            int[] c2 = Arrays.copyOfRange(second, start, start + count);
            double[] s1 = null;
            double[] s2 = null;
            if (correction.isPresent()) {
                s1 = new double[count];
                s2 = new double[count];
                for (int i = 0; i < count; i++) {
                    int cluster = correction.get().cluster(raw, i);
                    s1[i] = correction.get().slope(cluster, c1[i]);
                    s2[i] = correction.get().slope(cluster, c2[i]);
                }
            }
            INDArray gradient = InputGradients.ofPairGap(pass, c1, c2, s1, s2);
            System.arraycopy(Matrices.values(gradient), 0, gradients, start * d, count * d);
            for (int w = 1; w < weightLayers.size(); w++) {
                double[] values = Matrices.values(pass.input(weightLayers.get(w)));
                System.arraycopy(values, 0, hidden.get(w - 1), start * (values.length / count), values.length);
            }
        }
        return new SetPass(logits, gradients, hidden, pair == null ? new ClassPair(first, second) : pair);
    }

    /** @return samples per batch: all of them unless the widest activation would pass {@link #BATCH_VALUES} */
    static int batchRows(Network network, int n) {
        long widest = 1;
        for (int i = 0; i <= network.layers().size(); i++) {
            widest = Math.max(widest, network.shapeBefore(i).size());
        }
        return (int) Math.max(1, Math.min(n, BATCH_VALUES / widest));
    }

    /** @return the logits, {@code [n, K]} */
    double[] logits() {
        return logits;
    }

    /** @return {@code grad_x (z_c1 - z_c2)}, {@code [n, d]} */
    double[] gradients() {
        return gradients;
    }

    /** @return the input of every weight layer after the first, {@code [n, width]} each: the hidden representations */
    List<double[]> hidden() {
        return hidden;
    }

    /** @return the classes of each sample's gap */
    ClassPair pair() {
        return pair;
    }
}
