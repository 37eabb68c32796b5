package org.barq.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.LayerGrid;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.experiments.data.DatasetResolver;
import org.barq.experiments.provenance.ModelMetadata;
import org.barq.experiments.training.Trainer;
import org.barq.experiments.training.TrainingOptions;
import org.barq.objectives.LayerBuild;
import org.barq.objectives.LayerObjectiveBuilder;
import org.barq.objectives.ObjectiveSpec;

/**
 * The real workload every benchmark measures: MNIST's default splits (calibration capped at 1280 samples, so the
 * band holds 256) and an MLP {@code [784, 256, 256, 10]}. Loaded once per JVM, since JMH may run several benchmarks
 * in one process.
 *
 * <p>The model comes from the checkpoint named by {@code -Dbarq.bench.model} (./bench trains and caches it under
 * {@code benchmarks/target} with {@link #main}); the value {@code random} gives seeded He-uniform weights instead, for
 * the smoke test, where only shapes matter. Timings of deltas, flips and products depend on shapes, not on how well
 * the model is trained; the solvers' running times and {@code R} do depend on it, so the end-to-end runs always use
 * the trained checkpoint.
 */
public final class MnistFixture {
    /** The system property naming the float checkpoint, or {@code random}. */
    public static final String MODEL_PROPERTY = "barq.bench.model";
    /** Hidden widths of the benchmark model. */
    public static final List<Integer> HIDDEN = List.of(256, 256);
    /** The split seed, the same as {@code barq train}'s default, so that {@code barq quantize} finds the same split. */
    public static final long SPLIT_SEED = 0;
    /** The bit width of every benchmark: 4. */
    public static final GridSpec GRID = new GridSpec(4, ScaleMethod.ABSMAX);

    private static MnistFixture shared;

    private final Path dataDir;
    private final Splits splits;
    private final Mlp model;

    private MnistFixture(Path dataDir, Splits splits, Mlp model) {
        this.dataDir = dataDir;
        this.splits = splits;
        this.model = model;
    }

    /** @return the fixture of this JVM, loaded on first use from the data folder and {@code -Dbarq.bench.model} */
    public static synchronized MnistFixture get() {
        if (shared == null) {
            Path dir = SharedData.locate();
            Splits splits = new DatasetResolver(dir).resolve("mnist", SplitSpec.DEFAULT, SPLIT_SEED);
            String source = System.getProperty(MODEL_PROPERTY, "random");
            Mlp model = source.equals("random") ? randomModel(splits.train().trainingScaling())
                    : Checkpoints.read(Path.of(source)).model();
            shared = new MnistFixture(dir, splits, model);
        }
        return shared;
    }

    /** @return the data folder holding {@code mnist/} */
    public Path dataDir() {
        return dataDir;
    }

    /** @return train, calibration (1280 samples) and test (the 10 000 t10k samples) */
    public Splits splits() {
        return splits;
    }

    /** @return the float model {@code [784, 256, 256, 10]} */
    public Mlp model() {
        return model;
    }

    /**
     * @param layer 0-based layer index
     * @param spec  the objective's parts
     * @return that layer's problem and objective at round-to-nearest, every layer below still float
     */
    public LayerBuild layer(int layer, ObjectiveSpec spec) {
        return LayerObjectiveBuilder.build(model, model, splits.calibration(), layer,
                LayerGrid.fit(model.layer(layer), GRID), spec);
    }

    private static Mlp randomModel(InputScaling scaling) {
        SplittableRandom random = new SplittableRandom(0);
        List<Integer> widths = new ArrayList<>();
        widths.add(784);
        widths.addAll(HIDDEN);
        widths.add(10);
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < widths.size(); l++) {
            int in = widths.get(l);
            int out = widths.get(l + 1);
            double limit = Math.sqrt(6.0 / in);
            float[] w = new float[out * in];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
            layers.add(new DenseLayer(out, in, w, new float[out]));
        }
        return new Mlp(layers, scaling);
    }

    /**
     * Trains the benchmark model on MNIST's training split and writes it, unless the file exists: 2 epochs of Adam
     * (batch 128, learning rate 0.003, seed 0), enough for a realistic weight distribution and about 97 % test
     * accuracy. The checkpoint records the data set and split seed, so {@code barq quantize} needs no more options.
     *
     * @param args the checkpoint to write
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: MnistFixture CHECKPOINT");
        }
        Path out = Path.of(args[0]);
        if (Files.isRegularFile(out)) {
            System.out.println("bench: model " + out + " exists");
            return;
        }
        Path dir = SharedData.locate();
        Splits splits = new DatasetResolver(dir).resolve("mnist", SplitSpec.DEFAULT, SPLIT_SEED);
        TrainingOptions options = new TrainingOptions(HIDDEN, null, 2, 128, 0.003, 0);
        long start = System.nanoTime();
        Network model = new Trainer().train(splits.train(), options, (epoch, total, loss, accuracy) ->
                System.out.printf(Locale.ROOT, "bench: training epoch %d/%d loss %.4f train accuracy %.4f%n",
                        epoch, total, loss, accuracy));
        double accuracy = Trainer.accuracy(model, splits.test());
        SortedMap<String, String> metadata = new TreeMap<>();
        metadata.put(ModelMetadata.DATASET, "mnist");
        metadata.put(ModelMetadata.SPLIT_SEED, Long.toString(SPLIT_SEED));
        metadata.put(ModelMetadata.TRAIN_SEED, "0");
        metadata.put(ModelMetadata.TEST_ACCURACY, String.format(Locale.ROOT, "%.6f", accuracy));
        Checkpoints.writeFloat(out, model, metadata);
        System.out.printf(Locale.ROOT, "bench: trained %s in %.1f s, test accuracy %.4f%n", out,
                (System.nanoTime() - start) / 1e9, accuracy);
    }
}
