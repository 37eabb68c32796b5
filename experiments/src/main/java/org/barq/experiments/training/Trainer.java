package org.barq.experiments.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.data.Dataset;
import org.barq.api.data.Permutations;
import org.barq.api.data.SampleShape;
import org.barq.api.features.ThresholdCode;
import org.barq.api.model.Architecture;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputQuantizer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Network;
import org.barq.objectives.network.LayerPass;
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
 * Trains a network with mini-batch Adam on softmax cross-entropy, in double with ND4J, through the same layer passes
 * that rounding and the evaluation use. Deterministic: the seed fixes the He-uniform initial weights and the batch
 * order, and nothing else is random.
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
     * @return the trained network, weights rounded to F32 as a checkpoint stores them
     * @throws InvalidInputException if the architecture does not fit the data set
     */
    public Network train(Dataset train, TrainingOptions options, EpochListener listener) {
        InputScaling scaling = train.trainingScaling();
        Network skeleton = Architecture.parse(options.architecture(train.classes()), train.shape(), train.classes(),
                scaling);
        INDArray x = Matrices.of(train.scaledInputs(scaling), train.size(), train.dimension());
        return fit(skeleton, rows -> Nd4j.pullRows(x, 1, rows), train, options, null, listener);
    }

    /**
     * Trains a network behind an input quantizer fitted on the training split: jointly with the quantizer's
     * thresholds through the soft thermometer for {@code bitwise}, else on the fixed quantizer's hard decoded codes
     * (computed batch by batch, so that a wide thermometer of a large set never sits in memory whole).
     *
     * @param train     the training split
     * @param options   architecture and optimiser settings
     * @param start     the quantizer fitted on the split's scaled features (its starting point when trainable)
     * @param input     which quantizer and how its temperature falls
     * @param listener  told after every epoch; the accuracy is the hard-coded model's
     * @return the quantizer (thresholds trained, F32, sorted) and the network over its decoded values
     */
    public QuantizedInputModel train(Dataset train, TrainingOptions options, ThresholdCode start,
                                     InputTrainingOptions input, EpochListener listener) {
        InputScaling scaling = train.trainingScaling();
        InputQuantizer fixed = new InputQuantizer(scaling, start);
        fixed.requireFeatures(train);
        int w = start.width();
        Network skeleton = Architecture.parse(options.architecture(train.classes()), SampleShape.flat(w),
                train.classes(), InputScaling.uniform(1.0));
        if (!input.trainable()) {
            int[][] codes = new int[train.size()][];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = fixed.encode(rowOf(train, i));
            }
            return new QuantizedInputModel(fixed, fit(skeleton, rows -> decoded(start, codes, rows), train, options,
                    null, listener));
        }
        SoftThermometer soft = new SoftThermometer(start);
        INDArray z = soft.standardise(train.scaledInputs(scaling), train.size());
        Network trained = fit(skeleton, rows -> Nd4j.pullRows(z, 1, rows), train, options, Stage.of(soft, input,
                options), listener);
        SoftThermometer.Hardened hard = soft.hardened();
        int first = trained.weightLayers().get(0);
        DenseLayer layer = Network.matrixOf(trained.layer(first));
        float[] weights = layer.weights();
        float[] permuted = new float[weights.length];
        for (int r = 0; r < layer.out(); r++) {
            for (int c = 0; c < w; c++) {
                permuted[r * w + c] = weights[r * w + hard.order()[c]];
            }
        }
        return new QuantizedInputModel(new InputQuantizer(scaling, hard.code()), trained.withWeights(first,
                permuted));
    }

    /**
     * The trainable stage in front of the network, its Adam, its temperature factor per epoch and whether the network
     * is fed the hard code (straight-through) rather than the soft one.
     */
    private record Stage(SoftThermometer soft, double factor, AdamUpdater adam, boolean straightThrough) {
        static Stage of(SoftThermometer soft, InputTrainingOptions input, TrainingOptions options) {
            return new Stage(soft, input.factor(options.epochs()), Trainer.adam(options.learningRate(),
                    soft.thresholds.length()), input.straightThrough());
        }
    }

    /** The rows of a batch as the network (or the stage in front of it) takes them. */
    private interface Rows {
        INDArray of(int[] rows);
    }

    private static INDArray decoded(ThresholdCode code, int[][] codes, int[] rows) {
        int w = code.width();
        double[] out = new double[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(code.decode(codes[rows[i]]), 0, out, i * w, w);
        }
        return Matrices.of(out, rows.length, w);
    }

    private static float[] rowOf(Dataset data, int i) {
        float[] raw = new float[data.dimension()];
        for (int j = 0; j < raw.length; j++) {
            raw[j] = data.feature(i, j);
        }
        return raw;
    }

    private Network fit(Network skeleton, Rows inputs, Dataset train, TrainingOptions options, Stage stage,
                        EpochListener listener) {
        int n = train.size();
        INDArray y = oneHot(train.labelArray(), train.classes());

        SplittableRandom rng = new SplittableRandom(options.seed());
        SplittableRandom initRng = rng.split();
        SplittableRandom orderRng = rng.split();
        Parameters params = Parameters.heUniform(skeleton, initRng);
        AdamUpdater adam = params.adam(options.learningRate());
        List<LayerPass> passes = params.passes();

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int iteration = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            Permutations.shuffle(order, orderRng);
            double lossSum = 0;
            for (int start = 0; start < n; start += options.batchSize()) {
                int end = Math.min(n, start + options.batchSize());
                int[] batch = Arrays.copyOfRange(order, start, end);
                INDArray xb = inputs.of(batch);
                INDArray yb = Nd4j.pullRows(y, 1, batch);
                if (stage == null) {
                    lossSum += backward(params, passes, xb, yb) * (end - start);
                } else {
                    INDArray soft = stage.soft().forward(xb);
                    INDArray fed = stage.straightThrough() ? stage.soft().hard(xb) : soft;
                    INDArray[] upstream = new INDArray[1];
                    lossSum += backward(params, passes, fed, yb, upstream) * (end - start);
                    stage.soft().thresholdGradient(soft, upstream[0]);
                    stage.adam().applyUpdater(stage.soft().gradient, iteration, epoch - 1);
                    stage.soft().thresholds.subi(stage.soft().gradient);
                }
                adam.applyUpdater(params.gradient, iteration++, epoch - 1);
                params.values.subi(params.gradient);
            }
            if (stage != null) {
                stage.soft().anneal(stage.factor());
            }
            if (listener != null) {
                Rows seen = stage == null ? inputs : rows -> stage.soft().hard(inputs.of(rows));
                double accuracy = accuracy(params.toNetwork(), Optional.empty(), seen, train);
                listener.epochDone(epoch, options.epochs(), lossSum / n, accuracy);
            }
        }
        return params.toNetwork();
    }

    /**
     * @return the fraction of samples the network labels correctly, computed {@value #ACCURACY_BATCH} samples at a
     *         time so that a convolutional network's activations stay small
     */
    public static double accuracy(Network network, Dataset data) {
        return accuracy(network, Optional.empty(), data);
    }

    /**
     * @param correction the logit correction of the deployed model, applied before the arg-max, if any
     * @return as {@link #accuracy(Network, Dataset)}, of the corrected logits
     */
    public static double accuracy(Network network, Optional<LogitCorrection> correction, Dataset data) {
        double[] x = data.scaledInputs(network.scaling());
        int d = data.dimension();
        return accuracy(network, correction, rows -> Matrices.of(Arrays.copyOfRange(x, rows[0] * d,
                (rows[0] + rows.length) * d), rows.length, d), data);
    }

    /**
     * @param network a network over decoded values
     * @param input   the quantizer in front of it
     * @param data    raw features
     * @return the fraction of samples the network labels correctly on their hard codes
     */
    public static double accuracy(Network network, InputQuantizer input, Dataset data) {
        return accuracy(network, Optional.empty(), rows -> Matrices.of(input.decodedRows(data, rows[0], rows.length),
                rows.length, input.code().width()), data);
    }

    /** {@code inputs} is asked for consecutive rows only. */
    private static double accuracy(Network network, Optional<LogitCorrection> correction, Rows inputs,
                                   Dataset data) {
        int correct = 0;
        for (int first = 0; first < data.size(); first += ACCURACY_BATCH) {
            int count = Math.min(ACCURACY_BATCH, data.size() - first);
            int[] rows = new int[count];
            for (int i = 0; i < count; i++) {
                rows[i] = first + i;
            }
            NetworkPass pass = NetworkPass.run(network, inputs.of(rows));
            int[] predicted = correction.isEmpty() ? pass.predictions() : Matrices.rowArgMax(correction.get().apply(
                    Matrices.values(pass.logits())), count, network.classes());
            for (int i = 0; i < count; i++) {
                correct += predicted[i] == data.label(first + i) ? 1 : 0;
            }
        }
        return (double) correct / data.size();
    }

    /** Fills the gradient of the batch's mean cross-entropy; returns that loss. */
    static double backward(Parameters params, List<LayerPass> passes, INDArray xb, INDArray yb) {
        return backward(params, passes, xb, yb, null);
    }

    /** As above; when {@code inputGradient} is given, its one slot receives {@code dL/d(xb)}. */
    static double backward(Parameters params, List<LayerPass> passes, INDArray xb, INDArray yb,
                           INDArray[] inputGradient) {
        NetworkPass pass = NetworkPass.through(passes, xb);
        INDArray probs = Transforms.softmax(pass.logits(), true);
        double loss = -Transforms.log(probs.mul(yb).sum(1).addi(1e-300), false).meanNumber().doubleValue();
        INDArray delta = probs.subi(yb).divi(xb.rows());
        NetworkPass.WeightGradients sink = (layer, weight, bias) -> {
            params.weightGradient(layer).assign(weight);
            params.biasGradient(layer).assign(bias);
        };
        if (inputGradient == null) {
            pass.weightGradients(delta, sink);
        } else {
            inputGradient[0] = pass.weightAndInputGradients(delta, sink);
        }
        return loss;
    }

    /** @return Adam with barq's moments over a flat {@code [1, size]} parameter buffer */
    static AdamUpdater adam(double learningRate, long size) {
        AdamUpdater updater = new AdamUpdater(new Adam(learningRate, BETA1, BETA2, EPSILON));
        updater.setStateViewArray(Nd4j.zeros(DataType.DOUBLE, 1, 2 * size), new long[] {1, size}, 'c', true);
        return updater;
    }

    private static INDArray oneHot(int[] labels, int classes) {
        double[] v = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            v[i * classes + labels[i]] = 1.0;
        }
        return Matrices.of(v, labels.length, classes);
    }


    /**
     * Every weight and bias in one flat buffer, weight layer by weight layer, with the gradient in a second one of
     * the same layout, so that one fused ND4J Adam call updates the whole network.
     */
    static final class Parameters {
        final INDArray values;
        final INDArray gradient;
        private final Network skeleton;
        private final Map<Integer, long[]> shapes = new TreeMap<>();
        private final Map<Integer, Long> offsets = new TreeMap<>();

        private Parameters(Network skeleton, double[] initial) {
            this.skeleton = skeleton;
            long offset = 0;
            for (int i : skeleton.weightLayers()) {
                DenseLayer m = Network.matrixOf(skeleton.layer(i));
                shapes.put(i, new long[] {m.out(), m.in()});
                offsets.put(i, offset);
                offset += (long) m.out() * m.in() + m.out();
            }
            values = Matrices.of(initial, 1, initial.length);
            gradient = Nd4j.zeros(DataType.DOUBLE, 1, initial.length);
        }

        /** He-uniform weights ({@code sqrt(6 / fan_in)}, fan-in {@code in*kh*kw} for a conv), zero biases. */
        static Parameters heUniform(Network skeleton, SplittableRandom rng) {
            int total = 0;
            for (int i : skeleton.weightLayers()) {
                DenseLayer m = Network.matrixOf(skeleton.layer(i));
                total += m.out() * m.in() + m.out();
            }
            double[] initial = new double[total];
            int k = 0;
            for (int i : skeleton.weightLayers()) {
                DenseLayer m = Network.matrixOf(skeleton.layer(i));
                double limit = Math.sqrt(6.0 / m.in());
                for (int w = 0; w < m.out() * m.in(); w++) {
                    initial[k++] = (rng.nextDouble() * 2 - 1) * limit;
                }
                k += m.out();
            }
            return new Parameters(skeleton, initial);
        }

        AdamUpdater adam(double learningRate) {
            return Trainer.adam(learningRate, values.length());
        }

        /** @return every layer's pass, the weight layers' over views of {@link #values} that Adam updates */
        List<LayerPass> passes() {
            return NetworkPass.passes(skeleton, new NetworkPass.Parameters() {
                @Override
                public INDArray weight(int i) {
                    return Parameters.this.weight(i);
                }

                @Override
                public INDArray bias(int i) {
                    return Parameters.this.bias(i);
                }
            });
        }

        INDArray weight(int i) {
            return view(values, i, false);
        }

        INDArray bias(int i) {
            return view(values, i, true);
        }

        INDArray weightGradient(int i) {
            return view(gradient, i, false);
        }

        INDArray biasGradient(int i) {
            return view(gradient, i, true);
        }

        private INDArray view(INDArray flat, int i, boolean bias) {
            long[] shape = shapes.get(i);
            long start = offsets.get(i) + (bias ? shape[0] * shape[1] : 0);
            long length = bias ? shape[0] : shape[0] * shape[1];
            INDArray slice = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(start, start + length));
            return bias ? slice.reshape('c', 1, shape[0]) : slice.reshape('c', shape[0], shape[1]);
        }

        Network toNetwork() {
            Network network = skeleton;
            for (int i : skeleton.weightLayers()) {
                long[] shape = shapes.get(i);
                DenseLayer m = new DenseLayer((int) shape[0], (int) shape[1], weight(i).dup('c').data().asFloat(),
                        bias(i).dup('c').data().asFloat());
                network = network.withLayer(i, network.layer(i) instanceof Conv2d c
                        ? new Conv2d(c.in(), c.kernelH(), c.kernelW(), c.stride(), c.padding(), m) : m);
            }
            return network;
        }
    }
}
