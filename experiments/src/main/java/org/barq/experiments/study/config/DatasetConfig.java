package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;
import org.barq.api.data.SplitSpec;
import org.barq.experiments.data.DatasetResolver;
import org.barq.experiments.data.DatasetSpec;

/**
 * The data set of a study and how it is split (FORMULATION §1).
 *
 * @param spec      {@code digits}, {@code mnist}, {@code fashion-mnist}, {@code cifar10}, {@code csv:PATH} or
 *                  {@code idx:DIR}; required
 * @param dataDir   the folder holding {@code mnist/} and {@code fashion-mnist/}; null means {@code $BARQ_DATA},
 *                  else {@code ./data}
 * @param splitSeed seeds the stratified train/calibration/test split; default 0
 * @param calibrationMax caps the calibration set (20 % of what the test set leaves); null means the default, 1280
 *                  (a band of 256 at beta 0.2), and leaves the key out of the resolved config
 * @param inputShape {@code [C, H, W]}, the shape of one sample of a {@code csv:} set (C*H*W must be its feature
 *                  count); for another set it must be the shape that set knows. Null means a flat CSV vector and
 *                  leaves the key out of the resolved config
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetConfig(@JsonProperty("spec") String spec, @JsonProperty("data_dir") String dataDir,
                            @JsonProperty("split_seed") Long splitSeed,
                            @JsonProperty("calibration_max") Integer calibrationMax,
                            @JsonProperty("input_shape") List<Integer> inputShape) {

    /** Applies the defaults and checks that the spec names a data set barq reads. */
    public DatasetConfig {
        Checks.required("spec", spec, "spec: digits");
        try {
            DatasetSpec.parse(spec);
        } catch (InvalidInputException e) {
            throw new ConfigValueException("spec", spec, e.getMessage());
        }
        splitSeed = Checks.or(splitSeed, 0L);
        if (calibrationMax != null) {
            Checks.atLeast("calibration_max", calibrationMax, 1,
                    "calibration_max: " + SplitSpec.DEFAULT_CALIBRATION_MAX);
        }
        if (inputShape != null) {
            checkedShape(inputShape);
            inputShape = List.copyOf(inputShape);
        }
    }

    /**
     * @param spec the data set alone, as in {@code dataset: digits}
     * @return the section with every other key at its default
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DatasetConfig of(String spec) {
        return new DatasetConfig(spec, null, null, null, null);
    }

    /** @return the shape, after checking that the list is three positive integers whose product barq can index */
    private static SampleShape checkedShape(List<Integer> shape) {
        if (shape.size() != 3 || shape.stream().anyMatch(extent -> extent == null || extent < 1)) {
            throw new ConfigValueException("input_shape", shape, "is not [C, H, W] with three positive integers."
                    + " Maybe input_shape: [3, 32, 32]?");
        }
        try {
            return new SampleShape(shape.get(0), shape.get(1), shape.get(2));
        } catch (InvalidInputException e) {
            throw new ConfigValueException("input_shape", shape, e.getMessage());
        }
    }

    /** @return the sample shape the config gives, if any */
    public Optional<SampleShape> sampleShape() {
        return inputShape == null ? Optional.empty() : Optional.of(checkedShape(inputShape));
    }

    /** @return how the data set is split */
    public SplitSpec splitSpec() {
        return SplitSpec.withCalibrationMax(Checks.or(calibrationMax, SplitSpec.DEFAULT_CALIBRATION_MAX));
    }

    /**
     * Refuses a {@code data_dir} that the data set does not read (digits is embedded, {@code csv:} and {@code idx:}
     * name their own files), which was dropped without a word.
     *
     * @param key             the key to name, relative to the object that checks, e.g. {@code dataset.data_dir}
     * @param csvInDataFolder whether a relative {@code csv:} path is taken from the data folder (the features and
     *                        input-bits studies), so that the folder counts for it
     * @throws ConfigValueException when the folder has no effect
     */
    public void requireDataDirRead(String key, boolean csvInDataFolder) {
        if (dataDir == null) {
            return;
        }
        DatasetSpec parsed = DatasetSpec.parse(spec);
        boolean csv = parsed.kind() == DatasetSpec.Kind.CSV;
        if (parsed.readsDataFolder() || csvInDataFolder && csv && !Path.of(parsed.location()).isAbsolute()) {
            return;
        }
        throw new ConfigValueException(key, dataDir, parsed.withoutDataFolder() + (csvInDataFolder && csv
                ? " by an absolute path" : "") + ", so data_dir has no effect. Maybe drop it?");
    }

    /** @return the resolver of this data set's files */
    public DatasetResolver resolver() {
        DatasetResolver resolver = new DatasetResolver(dataDir != null ? Path.of(dataDir)
                : DatasetResolver.defaultDataDir());
        return sampleShape().map(shape -> resolver.withInputShape(shape, "input_shape")).orElse(resolver);
    }
}
