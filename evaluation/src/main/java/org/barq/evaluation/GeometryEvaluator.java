package org.barq.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.data.Dataset;
import org.barq.api.model.Network;
import org.barq.evaluation.slice.Slice;
import org.barq.evaluation.slice.SliceNetwork;
import org.barq.evaluation.slice.SlicePlane;
import org.barq.objectives.Quantiles;
import org.barq.objectives.network.ClassPair;
import org.barq.objectives.network.Matrices;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Computes the decision-geometry metrics of FORMULATION §5 with the conventions of §8, for a float network and a rounded
 * one on one set: forward passes and input gradients over the set in memory-sized batches ({@link SetPass}) for the
 * sample metrics, and the {@code G x G} slice ({@link SliceNetwork}).
 */
public final class GeometryEvaluator {
    private static final double DEGREES_PER_RADIAN = 180.0 / Math.PI;

    private GeometryEvaluator() {
    }

    /**
     * @param floatModel   {@code f}
     * @param roundedModel {@code f^}, the same layers and input scaling as {@code f}
     * @param set          labelled samples with raw features, scaled with the float model's scaling
     * @param options      band level and slice grid
     * @return the metrics and both slices
     * @throws InvalidInputException if the models or the set do not fit together
     */
    public static GeometryEvaluation evaluate(Network floatModel, Network roundedModel, Dataset set,
                                              EvaluationOptions options) {
        return evaluate(reference(floatModel, set, options), roundedModel);
    }

    /**
     * The float network's side of every evaluation on {@code set}, computed once: a study compares many rounded
     * models with the same float model on the same splits.
     *
     * @param floatModel {@code f}
     * @param set        labelled samples with raw features, scaled with the float model's scaling
     * @param options    band level and slice grid
     * @return what {@link #evaluate(Reference, Network)} compares each rounded model with
     * @throws InvalidInputException if the model and the set do not fit together
     */
    public static Reference reference(Network floatModel, Dataset set, EvaluationOptions options) {
        requireCompatible(floatModel, floatModel, set);
        int n = set.size();
        double[] scaled = set.scaledInputs(floatModel.scaling());
        SetPass pass = SetPass.run(floatModel, scaled, n, null);
        SlicePlane plane = SlicePlane.fit(scaled, n, set.dimension(), options.sliceGrid(), options.sliceRange());
        return new Reference(floatModel, set, options, scaled, pass, plane,
                SliceNetwork.of(floatModel).slice(plane));
    }

    /**
     * The float network on one set: its pass, the slice plane the set spans and its slice. Immutable; shared by
     * concurrent evaluations.
     */
    public static final class Reference {
        private final Network model;
        private final Dataset set;
        private final EvaluationOptions options;
        private final double[] scaled;
        private final SetPass pass;
        private final SlicePlane plane;
        private final Slice slice;

        private Reference(Network model, Dataset set, EvaluationOptions options, double[] scaled, SetPass pass,
                          SlicePlane plane, Slice slice) {
            this.model = model;
            this.set = set;
            this.options = options;
            this.scaled = scaled;
            this.pass = pass;
            this.plane = plane;
            this.slice = slice;
        }

        /** @return the float model's slice */
        public Slice slice() {
            return slice;
        }

        /** @return another model's slice of the same plane, without the other metrics */
        public Slice sliceOf(Network network) {
            return sliceOf(network, Optional.empty());
        }

        /** @return a deployed model's slice of the same plane: the network's logits after the correction */
        public Slice sliceOf(Network network, Optional<LogitCorrection> correction) {
            return SliceNetwork.of(network).corrected(correction).slice(plane);
        }

        /** @return the plane the set spans */
        public SlicePlane plane() {
            return plane;
        }

        /** @return the set this reference was computed on */
        public Dataset set() {
            return set;
        }

        /** @return each sample's {@code (a, b)} on the plane, see {@link SlicePlane#project} */
        public double[] projections() {
            return plane.project(scaled, set.size());
        }

        /** @return the float model's predictions and margins */
        public SampleOutcomes outcomes() {
            return GeometryEvaluator.outcomes(pass, pass.pair(), set.size(), model.classes());
        }

        /**
         * @param network    a rounded network of the float model
         * @param correction the correction of its logits, or empty
         * @return the deployed model's predictions and margins on the float model's class pairs
         */
        public SampleOutcomes outcomesOf(Network network, Optional<LogitCorrection> correction) {
            requireCompatible(model, network, set);
            return GeometryEvaluator.outcomes(SetPass.run(network, correction, scaled, set.size(), pass.pair()),
                    pass.pair(), set.size(), model.classes());
        }

        /** @return the band's threshold: the {@code beta}-quantile of the float margins */
        public double bandThreshold() {
            return Quantiles.linear(outcomes().margin(), options.beta());
        }
    }

    /** @return each sample's arg-max and gap on {@code pair}, from a pass's logits */
    private static SampleOutcomes outcomes(SetPass pass, ClassPair pair, int n, int k) {
        return new SampleOutcomes(Matrices.rowArgMax(pass.logits(), n, k), pair.gaps(Matrices.of(pass.logits(), n, k)));
    }

    /**
     * @param reference    the float network's side, on the set and with the options to use
     * @param roundedModel {@code f^}, the same layers and input scaling as {@code f}
     * @return the metrics and both slices
     * @throws InvalidInputException if the rounded model does not fit the float one
     */
    public static GeometryEvaluation evaluate(Reference reference, Network roundedModel) {
        return evaluate(reference, roundedModel, Optional.empty());
    }

    /**
     * The metrics of a deployed model: the rounded network with the correction of its logits fitted after rounding.
     * Every metric reads the corrected logits (predictions, margins, slice labels, the logits' Fisher ratio); the
     * margin gradients are those of the corrected pair gap.
     *
     * @param reference    the float network's side, on the set and with the options to use
     * @param roundedModel {@code f^}, the same layers and input scaling as {@code f}
     * @param correction   the correction of {@code f^}'s logits, or empty
     * @return the metrics and both slices
     * @throws InvalidInputException if the rounded model does not fit the float one
     */
    public static GeometryEvaluation evaluate(Reference reference, Network roundedModel,
                                              Optional<LogitCorrection> correction) {
        Network floatModel = reference.model;
        Dataset set = reference.set;
        EvaluationOptions options = reference.options;
        requireCompatible(floatModel, roundedModel, set);
        int n = set.size();
        int d = set.dimension();
        int k = floatModel.classes();
        double[] scaled = reference.scaled;
        SetPass ff = reference.pass;
        ClassPair pair = ff.pair();
        if (correction.isPresent() && correction.get().classes() != k) {
            throw new InvalidInputException("the " + correction.get().method() + " correction is for "
                    + correction.get().classes() + " classes but the model has " + k + ". Maybe it was fitted on"
                    + " another model?");
        }
        SetPass fr = SetPass.run(roundedModel, correction, scaled, n, pair);
        SampleOutcomes floatOutcomes = outcomes(ff, pair, n, k);
        SampleOutcomes roundedOutcomes = outcomes(fr, pair, n, k);
        double[] margin = floatOutcomes.margin();
        double[] marginRounded = roundedOutcomes.margin();

        int[] labels = set.labelArray();
        int[] predFloat = floatOutcomes.predicted();
        int[] predRounded = roundedOutcomes.predicted();

        double threshold = reference.bandThreshold();
        boolean[] inBand = new boolean[n];
        int bandSize = 0;
        for (int i = 0; i < n; i++) {
            inBand[i] = margin[i] <= threshold;
            if (inBand[i]) {
                bandSize++;
            }
        }

        Radii radii = Radii.of(Matrices.of(ff.gradients(), n, d), Matrices.of(fr.gradients(), n, d), margin,
                marginRounded);

        int correctFloat = 0;
        int correctRounded = 0;
        int flips = 0;
        int bandFlips = 0;
        int pairFlips = 0;
        double gapSquares = 0;
        for (int i = 0; i < n; i++) {
            correctFloat += predFloat[i] == labels[i] ? 1 : 0;
            correctRounded += predRounded[i] == labels[i] ? 1 : 0;
            boolean flip = predFloat[i] != predRounded[i];
            flips += flip ? 1 : 0;
            if (inBand[i]) {
                bandFlips += flip ? 1 : 0;
                pairFlips += marginRounded[i] < 0.0 ? 1 : 0;
                gapSquares += (marginRounded[i] - margin[i]) * (marginRounded[i] - margin[i]);
            }
        }

        Slice floatSlice = reference.slice;
        Slice roundedSlice = reference.sliceOf(roundedModel, correction);

        GeometryReport report = new GeometryReport(
                (double) correctFloat / n, (double) correctRounded / n,
                (double) flips / n, (double) bandFlips / bandSize, (double) pairFlips / bandSize,
                Math.sqrt(gapSquares / bandSize),
                Quantiles.median(radii.displacements(null)), Quantiles.linear(radii.displacements(null), 0.9),
                Quantiles.median(radii.displacements(inBand)), Quantiles.linear(radii.displacements(inBand), 0.9),
                Quantiles.median(radii.angles()),
                floatSlice.boundaryJaccard(roundedSlice), floatSlice.changedFraction(roundedSlice),
                floatSlice.junctionCount(), roundedSlice.junctionCount(),
                fisherRatios(scaled, ff, n, labels, set.classes()), fisherRatios(scaled, fr, n, labels, set.classes()),
                n, bandSize, radii.excluded(), threshold, options);
        return new GeometryEvaluation(report, floatSlice, roundedSlice);
    }

    /**
     * The Fisher ratio of every representation of a network on a set (FORMULATION §8): the scaled inputs, what each
     * weight layer after the first takes (an MLP's hidden layers after their ReLU; a CNN's pooled feature maps,
     * flattened), and the logits.
     *
     * @return ordered map {@code inputs, hidden_1, ..., hidden_(W-1), logits} for {@code W} weight layers
     */
    private static Map<String, Double> fisherRatios(double[] scaled, SetPass pass, int n, int[] labels,
                                                    int classes) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("inputs", FisherRatio.of(scaled, n, scaled.length / n, labels, classes));
        for (int w = 0; w < pass.hidden().size(); w++) {
            double[] h = pass.hidden().get(w);
            ratios.put("hidden_" + (w + 1), FisherRatio.of(h, n, h.length / n, labels, classes));
        }
        ratios.put("logits", FisherRatio.of(pass.logits(), n, pass.logits().length / n, labels, classes));
        return ratios;
    }

    private static void requireCompatible(Network floatModel, Network roundedModel, Dataset set) {
        if (!floatModel.spec().equals(roundedModel.spec()) || !floatModel.input().equals(roundedModel.input())) {
            throw new InvalidInputException("rounded model is " + roundedModel.spec() + " on " + roundedModel.input()
                    + " but the float model is " + floatModel.spec() + " on " + floatModel.input() + ". Maybe it was"
                    + " rounded from another checkpoint?");
        }
        if (!floatModel.scaling().equals(roundedModel.scaling())) {
            throw new InvalidInputException("rounded model scales inputs with " + roundedModel.scaling()
                    + " but the float model with " + floatModel.scaling() + ". Maybe it was rounded from another"
                    + " checkpoint?");
        }
        if (set.dimension() != floatModel.input().size()) {
            throw new InvalidInputException("set " + set.name() + " has " + set.dimension() + " features but the model"
                    + " takes " + floatModel.input().size() + ". Maybe another data set?");
        }
        if (set.size() == 0) {
            throw new InvalidInputException("set " + set.name() + " is empty. Maybe a split fraction of 0?");
        }
    }

    /**
     * Margin radii and normal angles per sample. {@code valid[i]} is false when either gradient is zero.
     */
    private record Radii(double[] displacement, double[] angle, boolean[] valid, int excluded) {

        static Radii of(INDArray gradFloat, INDArray gradRounded, double[] margin, double[] marginRounded) {
            int n = margin.length;
            INDArray normsFloat = gradFloat.norm2(1).reshape(n, 1);
            INDArray normsRounded = gradRounded.norm2(1).reshape(n, 1);
            // Kahan's angle 2 atan2(|u - v|, |u + v|) of the unit normals stays accurate near 0 degrees, where acos of
            // a rounded cosine would report about 1e-6 degrees for identical normals. Rows of zero gradients give NaN
            // and are skipped below.
            INDArray unitFloat = gradFloat.divColumnVector(normsFloat);
            INDArray unitRounded = gradRounded.divColumnVector(normsRounded);
            double[] apart = Matrices.values(unitFloat.sub(unitRounded).norm2(1));
            double[] together = Matrices.values(unitFloat.addi(unitRounded).norm2(1));
            double[] normFloat = Matrices.values(normsFloat);
            double[] normRounded = Matrices.values(normsRounded);
            double[] displacement = new double[n];
            double[] angle = new double[n];
            boolean[] valid = new boolean[n];
            int excluded = 0;
            for (int i = 0; i < n; i++) {
                valid[i] = normFloat[i] > 0.0 && normRounded[i] > 0.0;
                if (!valid[i]) {
                    excluded++;
                    continue;
                }
                double rho = margin[i] / normFloat[i];
                double rhoRounded = marginRounded[i] / normRounded[i];
                displacement[i] = Math.abs(rhoRounded - rho);
                angle[i] = 2.0 * Math.atan2(apart[i], together[i]) * DEGREES_PER_RADIAN;
            }
            return new Radii(displacement, angle, valid, excluded);
        }

        /** @param within the samples to keep, or null for all */
        double[] displacements(boolean[] within) {
            return select(displacement, within);
        }

        double[] angles() {
            return select(angle, null);
        }

        private double[] select(double[] values, boolean[] within) {
            int count = 0;
            for (int i = 0; i < values.length; i++) {
                if (valid[i] && (within == null || within[i])) {
                    count++;
                }
            }
            double[] out = new double[count];
            int k = 0;
            for (int i = 0; i < values.length; i++) {
                if (valid[i] && (within == null || within[i])) {
                    out[k++] = values[i];
                }
            }
            return out;
        }
    }
}
