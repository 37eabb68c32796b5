package org.barq.objectives;

import java.util.SplittableRandom;
import org.barq.api.data.Dataset;
import org.barq.api.model.Mlp;

/**
 * A seeded random layer problem: a float MLP {@code [10, 9, 7, 4]}, 60 calibration samples with two dead input
 * columns (singular {@code H}), the layers below {@code layer} rounded to nearest, and the objective of
 * {@code layer}.
 *
 * @param spec  the objective's parts
 * @param layer the layer to round
 * @param bits  its bit width (the layers below use the same)
 * @param seed  the seed of the network and data
 */
record Scenario(ObjectiveSpec spec, int layer, int bits, long seed) {
    /** The index of the last layer of the scenario's network. */
    static final int LAST = 2;

    /** The float model, the partly rounded model, the calibration data and the build. */
    record Setup(Mlp floatModel, Mlp partlyRounded, Dataset calibration, LayerBuild build) {
        DefaultLayerObjective objective() {
            return build.objective();
        }
    }

    static Scenario of(ObjectiveKind kind, double lambda, double gamma, InputsMode inputs, int layer) {
        return new Scenario(new ObjectiveSpec(kind, lambda, 0.2, gamma, inputs), layer, 3, 17 + layer);
    }

    Setup setUp() {
        SplittableRandom random = new SplittableRandom(seed);
        Mlp floatModel = Fixtures.mlp(random, 10, 9, 7, 4);
        Dataset data = Fixtures.data(random, 60, 10, 4, 2);
        Mlp partly = floatModel;
        for (int l = 0; l < layer; l++) {
            partly = Fixtures.roundNearest(partly, l, bits);
        }
        LayerBuild build = LayerObjectiveBuilder.build(floatModel, partly, data, layer,
                Fixtures.grid(floatModel, layer, bits), spec);
        return new Setup(floatModel, partly, data, build);
    }

    @Override
    public String toString() {
        return spec.kind().id() + " lambda=" + spec.lambda() + " gamma=" + spec.gamma() + " inputs="
                + spec.inputs().id() + " layer=" + layer;
    }
}
