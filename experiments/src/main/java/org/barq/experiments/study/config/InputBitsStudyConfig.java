package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.barq.api.features.FeatureQuantizerOptions;
import org.barq.experiments.training.InputTrainingOptions;

/**
 * An input-bits study (issue 18, {@code barq run} on a config whose top-level key is {@code input_bits:}): for each
 * data set and seed a float model (the reference), and at each bit width a network trained behind each quantizer,
 * plus the float model run post hoc on each level quantizer's hard levels. Read by
 * {@link StudyConfigs#parse(String, String, Class)}.
 *
 * @param description free text for the reader
 * @param inputBits   the sweep and the data sets; required
 */
public record InputBitsStudyConfig(@JsonProperty("description") String description,
                                   @JsonProperty("input_bits") Sweep inputBits) {
    /** Requires the section. */
    public InputBitsStudyConfig {
        Checks.required("input_bits", inputBits, "input_bits: {datasets: [{dataset: {spec: digits}}]}");
        description = Checks.or(description, "");
    }

    /**
     * @param bits       bits per feature; default {@code [1, 2, 3, 4]}
     * @param quantizers quantizers a network is trained behind; default all four
     * @param postHoc    level quantizers ({@code uniform}, {@code quantile}) applied to the float model's inputs
     *                   after training ({@code post_hoc}); default both; {@code []} for none
     * @param seeds      training seeds; default {@code [0, 1, 2]}
     * @param decay      the bitwise temperature after the last epoch; default 1e-3; another value is refused when
     *                   {@code quantizers} has no {@code bitwise}
     * @param straightThrough whether {@code bitwise} is also trained straight-through ({@code straight_through}: the
     *                   network fed the hard code, the thresholds' gradient through the soft slope), reported as its
     *                   own line; default false
     * @param datasets   the data sets; required
     */
    public record Sweep(@JsonProperty("bits") List<Integer> bits,
                        @JsonProperty("quantizers") List<String> quantizers,
                        @JsonProperty("post_hoc") List<String> postHoc,
                        @JsonProperty("seeds") List<Long> seeds,
                        @JsonProperty("decay") Double decay,
                        @JsonProperty("straight_through") Boolean straightThrough,
                        @JsonProperty("datasets") List<Entry> datasets) {
        /** Applies the defaults and checks every value. */
        public Sweep {
            bits = Checks.nonEmptyDistinct("bits", Checks.or(bits, List.of(1, 2, 3, 4)), "bits: [1, 2, 3, 4]");
            bits.forEach(FeatureQuantizerOptions::levels);
            quantizers = Checks.nonEmptyDistinct("quantizers", Checks.or(quantizers, InputTrainingOptions.NAMES),
                    "quantizers: [bitwise, bitwise-fixed, quantile, uniform]");
            postHoc = Checks.or(postHoc, List.of("quantile", "uniform"));
            // empty is how a sweep says none, since leaving the key out means both
            postHoc = postHoc.isEmpty() ? List.of() : Checks.nonEmptyDistinct("post_hoc", postHoc,
                    "post_hoc: [quantile, uniform]");
            for (int i = 0; i < postHoc.size(); i++) {
                if (!postHoc.get(i).equals("quantile") && !postHoc.get(i).equals("uniform")) {
                    throw new ConfigValueException("post_hoc[" + i + "]", postHoc.get(i), "is not a level quantizer."
                            + " Maybe post_hoc: [quantile, uniform]?");
                }
            }
            seeds = Checks.nonEmptyDistinct("seeds", Checks.or(seeds, List.of(0L, 1L, 2L)), "seeds: [0, 1, 2]");
            if (decay != null && decay != InputTrainingOptions.DEFAULT_DECAY
                    && !quantizers.contains(InputTrainingOptions.BITWISE)) {
                // as barq train --input-decay: a value nothing reads is refused (the default, which a resolved
                // config spells out, is harmless)
                throw new ConfigValueException("decay", decay, "cools the bitwise quantizer's soft thermometer, and"
                        + " quantizers " + quantizers + " has none. Maybe add " + InputTrainingOptions.BITWISE
                        + " to quantizers, or leave decay out?");
            }
            decay = Checks.or(decay, InputTrainingOptions.DEFAULT_DECAY);
            if (!(decay > 0) || decay > 1) {
                throw new ConfigValueException("decay", decay, "is outside (0, 1]. Maybe 1e-3, the default?");
            }
            straightThrough = Checks.or(straightThrough, false);
            if (straightThrough && !quantizers.contains(InputTrainingOptions.BITWISE)) {
                throw new ConfigValueException("straight_through", true, "trains bitwise, which quantizers does not"
                        + " list. Maybe add bitwise to quantizers?");
            }
            datasets = Checks.nonEmptyDistinct("datasets", Checks.required("datasets", datasets,
                    "datasets: [{dataset: {spec: digits}}]"), "datasets: [{dataset: {spec: digits}}]");
            for (String q : quantizers) {
                new InputTrainingOptions(q, bits.get(0), decay);
            }
            boolean perFeature = quantizers.stream().anyMatch(q -> !q.equals("uniform"))
                    || postHoc.stream().anyMatch(q -> !q.equals("uniform"));
            for (int d = 0; d < datasets.size() && !perFeature; d++) {
                if (!datasets.get(d).featureBits().isEmpty()) {
                    throw new ConfigValueException("datasets[" + d + "].feature_bits[0]",
                            datasets.get(d).featureBits().get(0), "gives each feature its own width, which uniform"
                            + " levels (one width for all features) cannot take, and quantizers " + quantizers
                            + " and post_hoc " + postHoc + " name no other quantizer. Maybe add quantile to"
                            + " quantizers, or leave feature_bits out?");
                }
            }
        }
    }

    /**
     * @param dataset     the data set and its split; a relative {@code csv:} path is taken from the data folder
     * @param model       how to train every network of this data set; the sweep's {@code seeds} seed them, so a
     *                    {@code seed} here other than the default 0 is refused
     * @param featureBits bit widths of each feature ({@code feature_bits}), one list of as many values as the data set
     *                    has features per point of the sweep, beside its common widths; for the thermometers and
     *                    {@code quantile} only (uniform levels have one width); default none
     */
    public record Entry(@JsonProperty("dataset") DatasetConfig dataset, @JsonProperty("model") TrainConfig model,
                        @JsonProperty("feature_bits") @JsonInclude(JsonInclude.Include.NON_EMPTY)
                        List<List<Integer>> featureBits) {
        /** Applies the defaults and checks every width; their count is checked against the data once it is read. */
        public Entry {
            Checks.required("dataset", dataset, "dataset: {spec: digits}");
            dataset.requireDataDirRead("dataset.data_dir", true);
            model = Checks.or(model, new TrainConfig(null, null, null, null, null, null));
            if (model.seed() != 0) {
                // absent reads as 0, which a resolved config spells out
                throw new ConfigValueException("model.seed", model.seed(), "the sweep's seeds seed every network of"
                        + " the study, so this one would be ignored. Maybe input_bits: {seeds: [" + model.seed()
                        + "]}, or leave seed out?");
            }
            List<List<Integer>> given = Checks.or(featureBits, List.of());
            featureBits = new ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                List<Integer> widths = Checks.required("feature_bits[" + i + "]", given.get(i), "[2, 2, 3]");
                for (int j = 0; j < widths.size(); j++) {
                    Integer b = Checks.required("feature_bits[" + i + "][" + j + "]", widths.get(j), "2");
                    if (b < 1 || b > FeatureQuantizerOptions.MAX_BITS) {
                        throw new ConfigValueException("feature_bits[" + i + "][" + j + "]", b, "is not in 1.."
                                + FeatureQuantizerOptions.MAX_BITS + ". Maybe 2?");
                    }
                }
                featureBits.add(List.copyOf(widths));
            }
            featureBits = List.copyOf(featureBits);
        }
    }
}
