package org.barq.experiments.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.barq.api.data.Dataset;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Trains a ReLU MLP with mini-batch Adam on softmax cross-entropy, in double with ND4J. Deterministic: the seed
 * fixes the He-uniform initial weights and the batch order, and nothing else is random.
 */
public final class Trainer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private static final int ACCURACY_BATCH = 500;

    /**
     * @param train    the training split
     * @param options  architecture and optimiser settings
     * @param listener told after every epoch
     * @return the trained model, weights rounded to F32 as a checkpoint stores them
     */
    public Mlp train(Dataset train, TrainingOptions options, EpochListener listener) {
        InputScaling scaling = train.trainingScaling();
        int n = train.size();
        INDArray x = Matrices.of(train.scaledInputs(scaling), n, train.dimension());
        INDArray y = oneHot(train.labelArray(), train.classes());
        List<Integer> widths = new ArrayList<>();
        widths.add(train.dimension());
        widths.addAll(options.hidden());
        widths.add(train.classes());

        SplittableRandom rng = new SplittableRandom(options.seed());
        SplittableRandom initRng = rng.split();
        SplittableRandom orderRng = rng.split();
        Parameters params = Parameters.heUniform(widths, initRng);
        AdamUpdater adam = params.adam(options.learningRate());

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int iteration = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            shuffle(order, orderRng);
            double lossSum = 0;
            for (int start = 0; start < n; start += options.batchSize()) {
                int end = Math.min(n, start + options.batchSize());
                int[] batch = java.util.Arrays.copyOfRange(order, start, end);
                lossSum += backward(params, Nd4j.pullRows(x, 1, batch), Nd4j.pullRows(y, 1, batch)) * (end - start);
                adam.applyUpdater(params.gradient, iteration++, epoch - 1);
                params.values.subi(params.gradient);
            }
            if (listener != null) {
                listener.epochDone(epoch, options.epochs(), lossSum / n, accuracy(params.toModel(scaling), train));
            }
        }
        return params.toModel(scaling);
    }

    /** @return the fraction of samples the model labels correctly */
    public static double accuracy(Mlp model, Dataset data) {
        return accuracy(Network.of(model), data);
    }

    /**
     * @return the fraction of samples the network labels correctly, computed {@value #ACCURACY_BATCH} samples at a
     *         time so that a convolutional network's activations stay small
     */
    public static double accuracy(Network network, Dataset data) {
        double[] x = data.scaledInputs(network.scaling());
        int d = data.dimension();
        int correct = 0;
        for (int first = 0; first < data.size(); first += ACCURACY_BATCH) {
            int count = Math.min(ACCURACY_BATCH, data.size() - first);
            int[] predicted = NetworkPass.run(network, Matrices.of(Arrays.copyOfRange(x, first * d,
                    (first + count) * d), count, d)).predictions();
            for (int i = 0; i < count; i++) {
                correct += predicted[i] == data.label(first + i) ? 1 : 0;
            }
        }
        return (double) correct / data.size();
    }

    /** Fills the gradient of the batch's mean cross-entropy; returns that loss. */
    private static double backward(Parameters params, INDArray xb, INDArray yb) {
        int depth = params.depth();
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> pre = new ArrayList<>();
        INDArray h = xb;
        for (int l = 0; l < depth; l++) {
            inputs.add(h);
            INDArray z = h.mmul(params.weight(l).transpose()).addiRowVector(params.bias(l));
            pre.add(z);
            h = l + 1 < depth ? Transforms.relu(z, true) : z;
        }
        INDArray probs = Transforms.softmax(pre.get(depth - 1), true);
        double loss = -Transforms.log(probs.mul(yb).sum(1).addi(1e-300), false).meanNumber().doubleValue();
        INDArray delta = probs.subi(yb).divi(xb.rows());
        for (int l = depth - 1; l >= 0; l--) {
            params.weightGradient(l).assign(delta.transpose().mmul(inputs.get(l)));
            params.biasGradient(l).assign(delta.sum(true, 0));
            if (l > 0) {
                delta = delta.mmul(params.weight(l)).muli(pre.get(l - 1).gt(0).castTo(DataType.DOUBLE));
            }
        }
        return loss;
    }

    private static INDArray oneHot(int[] labels, int classes) {
        double[] v = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            v[i * classes + labels[i]] = 1.0;
        }
        return Matrices.of(v, labels.length, classes);
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[k];
            a[k] = t;
        }
    }

    /**
     * Every weight and bias in one flat buffer, with the gradient in a second one of the same layout, so that one
     * fused ND4J Adam call updates the whole network.
     */
    private static final class Parameters {
        final INDArray values;
        final INDArray gradient;
        private final List<long[]> shapes = new ArrayList<>();
        private final List<Long> offsets = new ArrayList<>();

        private Parameters(List<Integer> widths, double[] initial) {
            long offset = 0;
            for (int l = 0; l + 1 < widths.size(); l++) {
                shapes.add(new long[] {widths.get(l + 1), widths.get(l)});
                offsets.add(offset);
                offset += (long) widths.get(l + 1) * widths.get(l) + widths.get(l + 1);
            }
            values = Matrices.of(initial, 1, initial.length);
            gradient = Nd4j.zeros(DataType.DOUBLE, 1, initial.length);
        }

        /** He-uniform weights, zero biases. */
        static Parameters heUniform(List<Integer> widths, SplittableRandom rng) {
            int total = 0;
            for (int l = 0; l + 1 < widths.size(); l++) {
                total += widths.get(l + 1) * widths.get(l) + widths.get(l + 1);
            }
            double[] initial = new double[total];
            int k = 0;
            for (int l = 0; l + 1 < widths.size(); l++) {
                double limit = Math.sqrt(6.0 / widths.get(l));
                for (int i = 0; i < widths.get(l + 1) * widths.get(l); i++) {
                    initial[k++] = (rng.nextDouble() * 2 - 1) * limit;
                }
                k += widths.get(l + 1);
            }
            return new Parameters(widths, initial);
        }

        AdamUpdater adam(double learningRate) {
            AdamUpdater updater = new AdamUpdater(new Adam(learningRate, BETA1, BETA2, EPSILON));
            long size = values.length();
            updater.setStateViewArray(Nd4j.zeros(DataType.DOUBLE, 1, 2 * size), new long[] {1, size}, 'c', true);
            return updater;
        }

        int depth() {
            return shapes.size();
        }

        INDArray weight(int l) {
            return view(values, l, false);
        }

        INDArray bias(int l) {
            return view(values, l, true);
        }

        INDArray weightGradient(int l) {
            return view(gradient, l, false);
        }

        INDArray biasGradient(int l) {
            return view(gradient, l, true);
        }

        private INDArray view(INDArray flat, int l, boolean bias) {
            long[] shape = shapes.get(l);
            long start = offsets.get(l) + (bias ? shape[0] * shape[1] : 0);
            long length = bias ? shape[0] : shape[0] * shape[1];
            INDArray slice = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(start, start + length));
            return bias ? slice.reshape('c', 1, shape[0]) : slice.reshape('c', shape[0], shape[1]);
        }

        Mlp toModel(InputScaling scaling) {
            List<DenseLayer> layers = new ArrayList<>();
            for (int l = 0; l < depth(); l++) {
                long[] shape = shapes.get(l);
                layers.add(new DenseLayer((int) shape[0], (int) shape[1], weight(l).dup('c').data().asFloat(),
                        bias(l).dup('c').data().asFloat()));
            }
            return new Mlp(layers, scaling);
        }
    }
}
