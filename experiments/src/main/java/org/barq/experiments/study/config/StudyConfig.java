package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.ScaleMethod;

/**
 * A study: one float model, rounded in every variant (bits x solver x objective x lambda x seed), each variant
 * evaluated on the calibration and the test split. Read from YAML by {@link StudyConfigs}; every key but
 * {@code dataset} and {@code model} has a default, and the resolved form (every default filled in) is what a run
 * records and hashes.
 *
 * @param description   free text for the reader
 * @param dataset       the data set and its split; required
 * @param model         the float model; required
 * @param bits          bit widths, each 2..8, no repeats; required
 * @param grid          the scale method, {@code absmax} or {@code mse}; default absmax
 * @param groupSize     inputs that share a scale ({@code group_size}); absent or 0 for one scale per row, which the
 *                      resolved form leaves out, so that a per-row study hashes as it did before group sizes existed
 * @param solvers       the solvers, labels distinct; required
 * @param objectives    the objectives; default pure reconstruction everywhere
 * @param seeds         rounding seeds, no repeats; default {@code [0]}
 * @param evaluation    metric settings
 * @param stopping      the stopping rule
 * @param interpolation interpolation between adjacent bit widths
 * @param outputs       checkpoints and pictures
 * @param cluster       the cluster's name for {@code --cluster} runs; absent for the default, and never part of the
 *                      resolved config that a run records and hashes ({@link #withoutCluster})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudyConfig(@JsonProperty("description") String description,
                          @JsonProperty("dataset") DatasetConfig dataset, @JsonProperty("model") ModelConfig model,
                          @JsonProperty("bits") List<Integer> bits, @JsonProperty("grid") String grid,
                          @JsonProperty("group_size") Integer groupSize,
                          @JsonProperty("solvers") List<SolverConfig> solvers,
                          @JsonProperty("corrections") List<CorrectionConfig> corrections,
                          @JsonProperty("objectives") List<ObjectiveConfig> objectives,
                          @JsonProperty("seeds") List<Long> seeds,
                          @JsonProperty("evaluation") EvaluationConfig evaluation,
                          @JsonProperty("stopping") StoppingConfig stopping,
                          @JsonProperty("interpolation") InterpolationConfig interpolation,
                          @JsonProperty("outputs") OutputsConfig outputs,
                          @JsonProperty("cluster") ClusterConfig cluster) {

    /** Applies every default and checks the keys that refer to each other (subsets of bits, solvers and seeds). */
    public StudyConfig {
        Checks.required("dataset", dataset, "dataset: {spec: digits}");
        dataset.requireDataDirRead("dataset.data_dir", false);
        Checks.required("model", model, "model: {train: {hidden: [64]}}");
        bits = Checks.nonEmptyDistinct("bits", Checks.required("bits", bits, "bits: [3, 4, 5, 6, 7, 8]"),
                "bits: [4, 8]");
        for (int i = 0; i < bits.size(); i++) {
            int b = bits.get(i);
            if (b < GridSpec.MIN_BITS || b > GridSpec.MAX_BITS) {
                throw new ConfigValueException("bits[" + i + "]", b, "must lie in " + GridSpec.MIN_BITS + ".."
                        + GridSpec.MAX_BITS + ". Maybe 4?");
            }
        }
        grid = Checks.or(grid, ScaleMethod.ABSMAX.id());
        try {
            ScaleMethod.parse(grid);
        } catch (InvalidInputException e) {
            throw new ConfigValueException("grid", grid, e.getMessage());
        }
        if (groupSize != null && groupSize < 0) {
            throw new ConfigValueException("group_size", groupSize, "must be 0 (one scale per row) or a positive"
                    + " number of inputs. Maybe 32?");
        }
        groupSize = groupSize == null || groupSize == 0 ? null : groupSize;
        solvers = Checks.nonEmptyDistinct("solvers", Checks.required("solvers", solvers,
                "solvers: [{name: nearest}, {name: coordinate-descent}]"), "solvers: [{name: nearest}]");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < solvers.size(); i++) {
            String label = solvers.get(i).label();
            if (labels.contains(label)) {
                throw new ConfigValueException("solvers[" + i + "].label", label, "another solver entry has this"
                        + " label. Maybe give each entry of one solver its own label?");
            }
            labels.add(label);
        }
        corrections = List.copyOf(Checks.or(corrections, List.of()));
        List<String> correctionLabels = new ArrayList<>();
        for (int i = 0; i < corrections.size(); i++) {
            String label = corrections.get(i).label();
            if (correctionLabels.contains(label)) {
                throw new ConfigValueException("corrections[" + i + "].label", label, "another correction entry has"
                        + " this label. Maybe give each entry of one correction its own label?");
            }
            correctionLabels.add(label);
        }
        seeds = Checks.nonEmptyDistinct("seeds", Checks.or(seeds, List.of(0L)), "seeds: [0, 1, 2]");
        objectives = Checks.nonEmptyDistinct("objectives", Checks.or(objectives,
                List.of(new ObjectiveConfig("reconstruction", null, null, null, null, null, null))),
                "objectives: [{kind: reconstruction}]");
        List<ObjectiveConfig> resolved = new ArrayList<>();
        for (int i = 0; i < objectives.size(); i++) {
            ObjectiveConfig o = objectives.get(i);
            subset("objectives[" + i + "].bits", o.bits(), bits);
            subset("objectives[" + i + "].solvers", o.solvers(), labels);
            resolved.add(o.resolved(bits, labels));
        }
        objectives = List.copyOf(resolved);
        evaluation = Checks.or(evaluation, EvaluationConfig.DEFAULTS);
        stopping = Checks.or(stopping, StoppingConfig.DEFAULTS);
        subset("stopping.solvers", stopping.solvers(), labels);
        stopping = stopping.resolved(labels);
        interpolation = Checks.or(interpolation, InterpolationConfig.DEFAULTS).resolved(bits, labels, seeds);
        outputs = Checks.or(outputs, OutputsConfig.DEFAULTS);
    }

    /** @return the scale method */
    public ScaleMethod scaleMethod() {
        return ScaleMethod.parse(grid);
    }

    /** @return inputs per scale, 0 for one scale per row */
    public int groupSizeOrZero() {
        return groupSize == null ? 0 : groupSize;
    }

    /**
     * @param bits a bit width
     * @return the study's grid at that width: its scale method and group size
     */
    public GridSpec gridSpec(int bits) {
        return new GridSpec(bits, scaleMethod(), groupSizeOrZero());
    }

    /** @return the solver labels, in config order */
    public List<String> solverLabels() {
        return solvers.stream().map(SolverConfig::label).toList();
    }

    /**
     * @param resolvedSolvers the same solver entries with every option given (see {@link SolverConfig#withOptions})
     * @return this config with those entries
     */
    public StudyConfig withSolvers(List<SolverConfig> resolvedSolvers) {
        return new StudyConfig(description, dataset, model, bits, grid, groupSize, resolvedSolvers, corrections,
                objectives, seeds,
                evaluation, stopping, interpolation, outputs, cluster);
    }

    /** @return this config without its cluster section: what a run records, hashes and sends to its workers */
    public StudyConfig withoutCluster() {
        return new StudyConfig(description, dataset, model, bits, grid, groupSize, solvers, corrections, objectives,
                seeds, evaluation, stopping, interpolation, outputs, null);
    }

    private static <T> void subset(String key, List<T> values, List<T> allowed) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!allowed.contains(values.get(i))) {
                throw new ConfigValueException(key + "[" + i + "]", values.get(i), "is not among the study's "
                        + allowed + ". Maybe one of those?");
            }
        }
    }
}
