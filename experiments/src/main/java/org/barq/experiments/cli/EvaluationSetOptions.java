package org.barq.experiments.cli;

import java.util.SortedMap;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.experiments.data.DatasetSpec;
import org.barq.evaluation.EvaluationOptions;
import picocli.CommandLine;

/** Which samples to evaluate on, and the metric settings, shared by {@code evaluate} and {@code interpolate}. */
final class EvaluationSetOptions {
    /** The split that is the whole data set. */
    static final String WHOLE = "all";

    @CommandLine.Mixin
    DataOptions data;

    @CommandLine.Option(names = "--split", defaultValue = "test",
            description = "test, calibration or all (the whole data set, training samples included, so not held-out)."
                    + " A csv: data set is always used whole.")
    String split;

    @CommandLine.Option(names = {"--slice-grid", "--grid"}, defaultValue = "200",
            description = "Cells per side of the PCA slice, 2 to " + EvaluationOptions.MAX_SLICE_GRID + ".")
    int sliceGrid;

    @CommandLine.Option(names = "--slice-range", defaultValue = "3.0",
            description = "The slice spans [-R, R] standard deviations along each principal component.")
    double sliceRange;

    /** @return the samples to evaluate on, for a model with that metadata */
    Dataset set(SortedMap<String, String> modelMetadata) {
        return set(data, split, modelMetadata);
    }

    /**
     * @param data          the data set options
     * @param split         test, calibration or all
     * @param modelMetadata the model's metadata, naming its data set and split seed
     * @return that split of the model's data set (a csv: data set whole)
     */
    static Dataset set(DataOptions data, String split, SortedMap<String, String> modelMetadata) {
        if (!split.equals("test") && !split.equals("calibration") && !split.equals("all")) {
            throw new InvalidInputException("unknown split '" + split + "'. Maybe one of: test, calibration, all?");
        }
        String spec = data.datasetFor(modelMetadata);
        if (measured(spec, split).equals(WHOLE)) {
            return data.resolver(spec).loadWhole(spec);
        }
        return data.splitsFor(modelMetadata).named(split);
    }

    /**
     * @param spec  the data set spec
     * @param split the split asked for
     * @return the split {@link #set} reads: {@code all} for a csv: data set, which is the samples to judge whole
     */
    static String measured(String spec, String split) {
        return DatasetSpec.parse(spec).kind() == DatasetSpec.Kind.CSV ? WHOLE : split;
    }

    /**
     * Refuses a slice grid outside {@code 2..}{@link EvaluationOptions#MAX_SLICE_GRID} before any file is read: a
     * large one used to run out of memory, or fail inside ND4J, only when the slice was computed.
     *
     * @param given     the command's parse result, to name the option as the user spelled it
     * @param sliceGrid the value
     */
    static void requireSliceGrid(CommandLine.ParseResult given, int sliceGrid) {
        String option = spelled(given, "--slice-grid", "--grid");
        EvaluationOptions.sliceGridProblem(sliceGrid).ifPresent(problem -> {
            throw new InvalidInputException(option + " " + sliceGrid + " " + problem + ". Maybe " + option + " "
                    + EvaluationOptions.DEFAULTS.sliceGrid() + ", the default?");
        });
    }

    /**
     * @param given the parse result
     * @param names an option's names, the first its main one
     * @return the name the command line gave the option by (the last, if it was given more than once), else the
     *         first name
     */
    static String spelled(CommandLine.ParseResult given, String... names) {
        String used = names[0];
        for (String arg : given.originalArgs()) {
            for (String name : names) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    used = name;
                }
            }
        }
        return used;
    }

    /**
     * @param band  beta, the band's margin quantile
     * @param steps interpolation steps T
     * @return the metric settings
     */
    EvaluationOptions options(double band, int steps) {
        return new EvaluationOptions(band, sliceGrid, sliceRange, steps);
    }
}
