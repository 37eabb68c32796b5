package org.barq.experiments.cli;

import java.nio.file.Path;
import java.util.SortedMap;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.model.Network;
import org.barq.experiments.data.DatasetResolver;
import org.barq.experiments.data.DatasetSpec;
import org.barq.experiments.provenance.ModelMetadata;
import picocli.CommandLine;

/** The data options every command shares, and how they resolve against a model's recorded data set. */
final class DataOptions {
    /** Shared with {@code train}, which declares its own data options. */
    static final String INPUT_SHAPE_HELP = "The shape of one sample of a csv: data set, e.g. 3,32,32 (C*H*W must be"
            + " its feature count). Default: a flat vector; the other data sets know their shape.";

    @CommandLine.Option(names = "--dataset", paramLabel = "SPEC",
            description = "One of: " + DatasetSpec.CHOICES + " (digits is embedded). "
                    + "Default: the data set the model records, else digits (import: none).")
    String dataset;

    @CommandLine.Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding mnist/, fashion-mnist/ and cifar-10-batches-bin/, for those three data sets"
                    + " only. Default: $BARQ_DATA, else ./data.")
    Path dataDir;

    @CommandLine.Option(names = "--split-seed", paramLabel = "N",
            description = "Seed of the stratified train/calibration/test split. Default: the model's, else 0.")
    Long splitSeed;

    @CommandLine.Option(names = "--input-shape", paramLabel = "C,H,W", description = INPUT_SHAPE_HELP)
    String inputShape;

    /**
     * @param spec the data set that will be read
     * @return the resolver of its files, refused when {@code --data-dir} is given and that data set reads no folder
     */
    DatasetResolver resolver(String spec) {
        DatasetSpec.parse(spec).requireDataFolderRead("--data-dir", dataDir);
        return resolver(dataDir, inputShape);
    }

    /** @return the resolver of the data in {@code dataDir} (null: the default), with the shape when one is given */
    static DatasetResolver resolver(Path dataDir, String inputShape) {
        DatasetResolver resolver = new DatasetResolver(dataDir != null ? dataDir : DatasetResolver.defaultDataDir());
        return inputShape == null ? resolver : resolver.withInputShape(SampleShape.parse(inputShape),
                "--input-shape");
    }

    /** @return the data set spec: given, else the model's, else digits */
    String datasetFor(SortedMap<String, String> modelMetadata) {
        if (dataset != null) {
            return dataset;
        }
        String recorded = modelMetadata.getOrDefault(ModelMetadata.DATASET, "digits");
        try {
            DatasetSpec.parse(recorded);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("the model records the data set '" + recorded + "' ("
                    + ModelMetadata.DATASET + "), which this barq cannot read. Maybe pass --dataset with the data it"
                    + " was trained on?", e);
        }
        return recorded;
    }

    long splitSeedFor(SortedMap<String, String> modelMetadata) {
        if (splitSeed != null) {
            String trainedOn = modelMetadata.get(ModelMetadata.DATASET);
            boolean sameData = trainedOn != null && (dataset == null || dataset.equals(trainedOn));
            long recorded = ModelMetadata.integer(modelMetadata, ModelMetadata.SPLIT_SEED, splitSeed, "the file was edited by"
                    + " hand");
            if (sameData && recorded != splitSeed) {
                // another seed deals other samples to the test and calibration splits, some of them trained on
                throw new InvalidInputException("--split-seed " + splitSeed + " differs from the split seed "
                        + recorded + " the model was trained with on " + trainedOn + ": its test and calibration"
                        + " splits would hold samples the model was trained on. Maybe leave --split-seed out?");
            }
            return splitSeed;
        }
        return ModelMetadata.integer(modelMetadata, ModelMetadata.SPLIT_SEED, 0L, "pass --split-seed N");
    }

    /** @return the splits of the data set the options name, for a model with that metadata */
    Splits splitsFor(SortedMap<String, String> modelMetadata) {
        String spec = datasetFor(modelMetadata);
        return resolver(spec).resolve(spec, SplitSpec.withCalibrationMax(calibrationCap(modelMetadata)),
                splitSeedFor(modelMetadata));
    }

    /** @return the calibration split's cap that the model recorded, the default if it recorded none */
    static int calibrationCap(SortedMap<String, String> modelMetadata) {
        long cap = ModelMetadata.integer(modelMetadata, ModelMetadata.CALIBRATION_MAX, SplitSpec.DEFAULT_CALIBRATION_MAX,
                "the file was edited by hand");
        return (int) Math.min(cap, Integer.MAX_VALUE);
    }

    /**
     * Refuses the options that pick a split when a whole data set replaces that split, since they would be dropped.
     *
     * @param option      the option that replaces it, e.g. {@code --calibration}
     * @param replacement its value, or null when not given
     */
    void requireNoSplitOptionsWith(String option, String replacement) {
        if (replacement == null) {
            return;
        }
        if (dataset != null) {
            throw new InvalidInputException("--dataset " + dataset + " names the data whose split is used, and "
                    + option + " " + replacement + " replaces that split whole. Maybe drop --dataset (or " + option
                    + ")?");
        }
        if (splitSeed != null) {
            throw new InvalidInputException("--split-seed " + splitSeed + " picks the split, and " + option + " "
                    + replacement + " replaces it whole. Maybe drop --split-seed (or " + option + ")?");
        }
    }

    /**
     * @param model the model that will read the data
     * @param data  the data
     * @throws InvalidInputException when the widths or class counts differ
     */
    static void requireCompatible(Network model, Dataset data) {
        requireCompatible(model.input().size(), model.classes(), data, "--dataset");
    }

    /** As {@link #requireCompatible(Network, Dataset)}, for data given by {@code option} (quantize's --calibration). */
    static void requireCompatible(Network model, Dataset data, String option) {
        requireCompatible(model.input().size(), model.classes(), data, option);
    }

    /**
     * @param inputs  the features the model takes
     * @param classes the classes it predicts
     * @param data    the data
     * @param option  the option that gave the data, for the hint
     * @throws InvalidInputException when the widths or class counts differ
     */
    static void requireCompatible(int inputs, int classes, Dataset data, String option) {
        String hint = option.equals("--dataset") ? "Maybe pass the --dataset it was trained on?"
                : "Maybe give " + option + " data of the set it was trained on?";
        if (inputs != data.dimension()) {
            throw new InvalidInputException("data set " + data.name() + " has " + data.dimension()
                    + " features but the model takes " + inputs + ". " + hint);
        }
        if (classes != data.classes()) {
            throw new InvalidInputException("data set " + data.name() + " has " + data.classes()
                    + " classes but the model predicts " + classes + ". " + hint);
        }
    }
}
