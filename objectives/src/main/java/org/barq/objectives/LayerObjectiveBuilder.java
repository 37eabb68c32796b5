package org.barq.objectives;

import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.grid.LayerGrid;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.problem.RoundingSpace;
import org.barq.objectives.network.Im2col;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the rounding problem and objective of one layer from the calibration set (FORMULATION §3, §8).
 *
 * <p>The reconstruction term sees {@code X_q} per {@link ObjectiveSpec#inputs()}. The surrogate always takes
 * {@code m_0}, {@code a_x} and {@code h_x} from the network that will actually run: the rounded layers below
 * {@code l}, layer {@code l} at round-to-nearest, the float layers above (FORMULATION §8). So its first-order gaps
 * stay exact for the last layer in either inputs mode.
 */
public final class LayerObjectiveBuilder {
    private LayerObjectiveBuilder() {
    }

    /**
     * @param floatModel    the float network
     * @param partlyRounded the same network with layers {@code < layer} rounded; its layers {@code >= layer} must
     *                      equal the float ones
     * @param calibration   the calibration set, at least one sample, with the model's input width
     * @param layer         {@code l}, 0-based
     * @param grid          layer {@code l}'s grid
     * @param spec          the objective's parts
     * @return the problem ({@code H} not divided by {@code N}) and the objective at round-to-nearest
     * @throws InvalidInputException if the calibration set is empty or does not fit the model
     */
    public static LayerBuild build(Mlp floatModel, Mlp partlyRounded, Dataset calibration, int layer,
                                   LayerGrid grid, ObjectiveSpec spec) {
        requireCompatible(floatModel, partlyRounded, calibration, layer);
        return build(Network.of(floatModel), Network.of(partlyRounded), calibration, 2 * layer, layer, grid, spec,
                PatchSample.ALL);
    }

    /**
     * The same for any network's dense or conv layer. A conv layer's {@code X} holds the im2col patches of its
     * input, one row per sample and output position ({@link Im2col}), so {@code H}, {@code R} and every solver see a
     * dense problem over the weight matrix {@code [out, in*kh*kw]}; {@code sample} caps those rows.
     * The surrogate's gaps see every band sample whole: a conv weight moves a gap through every output position.
     *
     * @param floatNet     the float network
     * @param partly       the same network with the weight layers before {@code layer} rounded
     * @param calibration  the calibration set
     * @param layer        the index of a dense or conv layer in the network's layer list
     * @param problemIndex the index the problem reports (an MLP's layer number)
     * @param grid         the layer's grid
     * @param spec         the objective's parts
     * @param sample       which patch rows of a conv layer to keep
     * @return the problem and the objective at round-to-nearest
     * @throws InvalidInputException if the calibration set is empty
     */
    public static LayerBuild build(Network floatNet, Network partly, Dataset calibration, int layer,
                                   int problemIndex, LayerGrid grid, ObjectiveSpec spec, PatchSample sample) {
        if (calibration.size() < 1) {
            throw new InvalidInputException("calibration set " + calibration.name() + " is empty. Maybe the"
                    + " calibration fraction is too small for the data set?");
        }
        boolean conv = floatNet.layer(layer) instanceof Conv2d;
        int n = calibration.size();
        int d = calibration.dimension();
        INDArray floatData = Matrices.of(calibration.scaledInputs(floatNet.scaling()), n, d);
        INDArray roundedData = Matrices.of(calibration.scaledInputs(partly.scaling()), n, d);
        NetworkPass floatPass = NetworkPass.run(floatNet, floatData);
        INDArray floatInputs = floatPass.input(layer);
        INDArray roundedInputs = NetworkPass.inputOf(partly, roundedData, layer);
        if (conv) {
            Im2col im2col = new Im2col((Conv2d) floatNet.layer(layer), floatNet.shapeBefore(layer));
            int[] rows = sample.rows(n * im2col.positions());
            floatInputs = Matrices.of(im2col.rows(Matrices.values(floatInputs), rows), rows.length, im2col.columns());
            roundedInputs = Matrices.of(im2col.rows(Matrices.values(roundedInputs), rows), rows.length,
                    im2col.columns());
        }
        INDArray inputs = spec.inputs() == InputsMode.FLOAT ? floatInputs : roundedInputs;

        DenseLayer floatLayer = Network.matrixOf(floatNet.layer(layer));
        RoundingSpace space = RoundingSpace.of(floatLayer, grid);
        float[] nearest = space.dequantized(space.nearest());
        INDArray targets = Nd4j.gemm(floatInputs, Matrices.weight(floatLayer), false, true);
        ReconstructionTerm reconstruction = ReconstructionTerm.of(inputs, targets, Matrices.widen(nearest));
        RoundingProblem problem = new RoundingProblem(problemIndex, floatLayer, space, reconstruction.hessian(),
                inputs.rows());

        CalibrationBand band = CalibrationBand.of(floatPass.logits(), spec.band());
        AbstractSurrogate surrogate = null;
        if (spec.hasSurrogate()) {
            Network state = partly.withWeights(layer, nearest);
            FirstOrderGaps gaps = FirstOrderGaps.at(state, layer, roundedData.getRows(band.indices()),
                    band.first(), band.second());
            surrogate = spec.kind() == ObjectiveKind.GAP ? new GapSurrogate(gaps, band.floatGaps())
                    : new HingeSurrogate(gaps, band.floatGaps(), spec.gamma());
        }
        return new LayerBuild(problem, new DefaultLayerObjective(space, reconstruction, surrogate, spec.lambda()),
                band);
    }

    private static void requireCompatible(Mlp floatModel, Mlp partlyRounded, Dataset calibration, int layer) {
        if (!floatModel.sizes().equals(partlyRounded.sizes())) {
            throw new IllegalArgumentException("float model " + floatModel.sizes() + " and partly rounded model "
                    + partlyRounded.sizes() + " differ in shape");
        }
        if (layer < 0 || layer >= floatModel.depth()) {
            throw new IllegalArgumentException("layer " + layer + " is outside [0, " + floatModel.depth() + ")");
        }
        for (int k = layer; k < floatModel.depth(); k++) {
            if (!floatModel.layer(k).equals(partlyRounded.layer(k))) {
                throw new IllegalArgumentException("layer " + k + " of the partly rounded model is not the float"
                        + " layer; only layers below " + layer + " may be rounded");
            }
        }
        if (calibration.dimension() != floatModel.inputs()) {
            throw new InvalidInputException("calibration set " + calibration.name() + " has " + calibration.dimension()
                    + " features but the model takes " + floatModel.inputs() + ". Maybe the wrong data set?");
        }
        if (floatModel.classes() < 2) {
            throw new InvalidInputException("the model has " + floatModel.classes() + " output; the band needs at"
                    + " least 2 classes. Maybe the wrong checkpoint?");
        }
    }

}
