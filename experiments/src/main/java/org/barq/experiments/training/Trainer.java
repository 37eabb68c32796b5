package org.barq.experiments.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.barq.api.data.Dataset;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.objectives.network.Forward;
import org.barq.objectives.network.Matrices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Trains a ReLU MLP with mini-batch Adam on softmax cross-entropy, in double with ND4J. Deterministic: the seed
 * fixes the He-uniform initial weights and the batch order, and nothing else is random.
 */
public final class Trainer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

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
        List<Param> params = new ArrayList<>();
        for (int l = 0; l + 1 < widths.size(); l++) {
            params.add(Param.heUniform(widths.get(l + 1), widths.get(l), initRng));
        }

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long step = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            shuffle(order, orderRng);
            double lossSum = 0;
            for (int start = 0; start < n; start += options.batchSize()) {
                int end = Math.min(n, start + options.batchSize());
                int[] batch = java.util.Arrays.copyOfRange(order, start, end);
                INDArray xb = x.getRows(batch);
                INDArray yb = y.getRows(batch);
                step++;
                lossSum += step(params, xb, yb, options.learningRate(), step) * (end - start);
            }
            if (listener != null) {
                Mlp current = toModel(params, scaling);
                listener.epochDone(epoch, options.epochs(), lossSum / n, accuracy(current, train));
            }
        }
        return toModel(params, scaling);
    }

    /** @return the fraction of samples the model labels correctly */
    public static double accuracy(Mlp model, Dataset data) {
        int[] predicted = Forward.run(model, data).predictions();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == data.label(i)) {
                correct++;
            }
        }
        return data.size() == 0 ? 0 : correct / (double) data.size();
    }

    /** One Adam step on one batch; returns the batch's mean cross-entropy before the step. */
    private static double step(List<Param> params, INDArray xb, INDArray yb, double lr, long t) {
        int depth = params.size();
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> pre = new ArrayList<>();
        INDArray h = xb;
        for (int l = 0; l < depth; l++) {
            inputs.add(h);
            INDArray z = h.mmul(params.get(l).weight.transpose()).addiRowVector(params.get(l).bias);
            pre.add(z);
            h = l + 1 < depth ? Transforms.relu(z, true) : z;
        }
        INDArray logits = pre.get(depth - 1);
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(logits.rows(), 1));
        INDArray exp = Transforms.exp(shifted, true);
        INDArray sum = exp.sum(1).reshape(exp.rows(), 1);
        INDArray probs = exp.diviColumnVector(sum);
        double loss = -Transforms.log(probs.mul(yb).sum(1).addi(1e-300), false).meanNumber().doubleValue();

        double batch = xb.rows();
        INDArray delta = probs.sub(yb).divi(batch);
        double correction1 = 1 - Math.pow(BETA1, t);
        double correction2 = 1 - Math.pow(BETA2, t);
        for (int l = depth - 1; l >= 0; l--) {
            Param p = params.get(l);
            INDArray gradW = delta.transpose().mmul(inputs.get(l));
            INDArray gradB = delta.sum(0).reshape(1, delta.columns());
            if (l > 0) {
                INDArray back = delta.mmul(p.weight);
                INDArray mask = pre.get(l - 1).gt(0).castTo(DataType.DOUBLE);
                delta = back.muli(mask);
            }
            p.adam(gradW, gradB, lr, correction1, correction2);
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

    private static Mlp toModel(List<Param> params, InputScaling scaling) {
        List<DenseLayer> layers = new ArrayList<>();
        for (Param p : params) {
            layers.add(new DenseLayer((int) p.weight.rows(), (int) p.weight.columns(),
                    p.weight.dup('c').data().asFloat(), p.bias.dup('c').data().asFloat()));
        }
        return new Mlp(layers, scaling);
    }

    /** One layer's parameters with their Adam moments. */
    private static final class Param {
        final INDArray weight;
        final INDArray bias;
        final INDArray mW;
        final INDArray vW;
        final INDArray mB;
        final INDArray vB;

        private Param(INDArray weight, INDArray bias) {
            this.weight = weight;
            this.bias = bias;
            this.mW = Nd4j.zeros(DataType.DOUBLE, weight.shape());
            this.vW = Nd4j.zeros(DataType.DOUBLE, weight.shape());
            this.mB = Nd4j.zeros(DataType.DOUBLE, bias.shape());
            this.vB = Nd4j.zeros(DataType.DOUBLE, bias.shape());
        }

        static Param heUniform(int out, int in, SplittableRandom rng) {
            double limit = Math.sqrt(6.0 / in);
            double[] w = new double[out * in];
            for (int i = 0; i < w.length; i++) {
                w[i] = (rng.nextDouble() * 2 - 1) * limit;
            }
            return new Param(Matrices.of(w, out, in), Nd4j.zeros(DataType.DOUBLE, 1, out));
        }

        void adam(INDArray gradW, INDArray gradB, double lr, double c1, double c2) {
            update(weight, mW, vW, gradW, lr, c1, c2);
            update(bias, mB, vB, gradB, lr, c1, c2);
        }

        private static void update(INDArray p, INDArray m, INDArray v, INDArray g, double lr, double c1, double c2) {
            m.muli(BETA1).addi(g.mul(1 - BETA1));
            v.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
            INDArray denom = Transforms.sqrt(v.div(c2), false).addi(EPSILON);
            p.subi(m.div(c1).divi(denom).muli(lr));
        }
    }
}
