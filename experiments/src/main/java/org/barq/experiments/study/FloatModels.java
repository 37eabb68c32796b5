package org.barq.experiments.study;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.model.Network;
import org.barq.experiments.provenance.BuildInfo;
import org.barq.experiments.provenance.ModelMetadata;
import org.barq.experiments.study.config.StudyConfig;
import org.barq.experiments.study.config.TrainConfig;
import org.barq.experiments.training.Trainer;

/**
 * The study's float model, made once per run folder: trained from the config (with the metadata {@code barq train}
 * writes) or copied from the configured checkpoint into {@code OUT/model.safetensors}. A resumed run reuses that
 * file when its SHA-256 is the one recorded.
 */
final class FloatModels {
    private FloatModels() {
    }

    /**
     * @param config      the study
     * @param splits      the data set's splits
     * @param file        {@code OUT/model.safetensors}
     * @param recordedSha the SHA-256 recorded by an earlier run in this folder, or null for a fresh run
     * @param console     where training progress goes
     * @return the model as read back from {@code file}
     * @throws InvalidInputException when a re-made model differs from the recorded one, or the checkpoint does not
     *                               fit the data
     */
    static LoadedCheckpoint obtain(StudyConfig config, Splits splits, Path file, String recordedSha,
                                   PrintWriter console) {
        Optional<LoadedCheckpoint> cached = reusable(file, recordedSha);
        if (cached.isPresent()) {
            console.printf("model: reusing %s (sha256 %s)%n", file, abbreviate(recordedSha));
            return cached.get();
        }
        if (config.model().train() != null) {
            train(config, splits, file, console);
        } else {
            largerCalibrationNote(given(config, splits).metadata(), config).ifPresent(console::println);
            copy(Path.of(config.model().checkpoint()), file);
        }
        LoadedCheckpoint made = Checkpoints.read(file);
        if (recordedSha != null && !made.sha256().equals(recordedSha)) {
            throw new InvalidInputException("the float model made again (sha256 " + abbreviate(made.sha256())
                    + ") differs from the one this run folder recorded (" + abbreviate(recordedSha) + "). Maybe the"
                    + " checkpoint file changed; pass --force-new to start the study over?");
        }
        return made;
    }

    /**
     * @param file        {@code OUT/model.safetensors}
     * @param recordedSha the SHA-256 an earlier run in this folder recorded, or null for a fresh run
     * @return the run folder's model when a resumed run reuses it (its SHA-256 is the recorded one)
     */
    static Optional<LoadedCheckpoint> reusable(Path file, String recordedSha) {
        if (recordedSha == null || !Files.exists(file)) {
            return Optional.empty();
        }
        LoadedCheckpoint cached = Checkpoints.read(file);
        return cached.sha256().equals(recordedSha) ? Optional.of(cached) : Optional.empty();
    }

    /**
     * Reads the config's {@code model.checkpoint} and checks it against the study's data before anything is written.
     *
     * @param config a study whose model is a checkpoint
     * @param splits the data set's splits, as the config names them
     * @return the checkpoint
     * @throws InvalidInputException when it is missing, rounded, does not fit the data, or was trained on samples
     *                               that the study's splits would evaluate or calibrate on
     */
    static LoadedCheckpoint given(StudyConfig config, Splits splits) {
        Path source = Path.of(config.model().checkpoint());
        if (!Files.isRegularFile(source)) {
            throw new InvalidInputException("model.checkpoint " + source + " does not exist (" + source
                    .toAbsolutePath().normalize() + "; a relative path starts in the working directory, not the"
                    + " config's folder). Maybe check the path?");
        }
        LoadedCheckpoint given = Checkpoints.read(source);
        if (given.isRounded()) {
            throw new InvalidInputException("model checkpoint " + source + " is a rounded model. Maybe give the float"
                    + " checkpoint it was rounded from?");
        }
        Network model = given.network();
        if (model.input().size() != splits.train().dimension() || model.classes() != splits.train().classes()) {
            throw new InvalidInputException("model " + model.spec() + " does not fit data set "
                    + splits.train().describe() + ". Maybe another dataset.spec or model.checkpoint?");
        }
        requireUnseenSplits(given.metadata(), config, source);
        return given;
    }

    /**
     * Another split seed deals other samples to the test and calibration splits, so the study would evaluate the model
     * on samples it was trained on.
     */
    private static void requireUnseenSplits(SortedMap<String, String> metadata, StudyConfig config, Path source) {
        String trainedOn = metadata.get(ModelMetadata.DATASET);
        if (trainedOn == null || !trainedOn.equals(config.dataset().spec())) {
            return;
        }
        // a model that records no split seed was split with 0, as the commands read it
        long seed = ModelMetadata.integer(metadata, ModelMetadata.SPLIT_SEED, 0L, "the file was edited by hand");
        long studySeed = config.dataset().splitSeed();
        if (seed != studySeed) {
            throw new InvalidInputException("dataset.split_seed " + studySeed + " differs from the split seed " + seed
                    + " that model.checkpoint " + source + " was trained with on " + trainedOn + ": the study's test"
                    + " and calibration splits would hold samples the model was trained on. Maybe dataset:"
                    + " {split_seed: " + seed + "}?");
        }
    }

    /**
     * A larger calibration cap than the model's takes more calibration samples from the training part (a smaller one
     * takes a subset of the same samples). Said, not refused: an imported model records the cap {@code barq import}
     * was given, which need not be the split it was trained on.
     *
     * @return a note when the study's cap is above the one the checkpoint records for the same data set
     */
    static Optional<String> largerCalibrationNote(SortedMap<String, String> metadata, StudyConfig config) {
        String trainedOn = metadata.get(ModelMetadata.DATASET);
        Path source = Path.of(config.model().checkpoint());
        if (trainedOn == null || !trainedOn.equals(config.dataset().spec())) {
            return Optional.empty();
        }
        // a model that records no cap was split with the default one, as the commands read it
        long cap = ModelMetadata.integer(metadata, ModelMetadata.CALIBRATION_MAX, SplitSpec.DEFAULT_CALIBRATION_MAX,
                "the file was edited by hand");
        int studyCap = config.dataset().splitSpec().calibrationMax();
        if (studyCap <= cap) {
            return Optional.empty();
        }
        return Optional.of("note: dataset.calibration_max " + studyCap + " is above the " + cap + " that "
                + source + " records: unless the model was trained without the extra samples (an imported model:"
                + " barq import --calibration-max " + studyCap + " records so), the calibration split holds samples"
                + " it was trained on");
    }

    private static void train(StudyConfig config, Splits splits, Path file, PrintWriter console) {
        TrainConfig train = config.model().train();
        long start = System.nanoTime();
        console.printf("model: training %s on %s (%d epochs)%n", train.options().architecture(
                splits.train().classes()), splits.train().describe(), train.epochs());
        console.flush();
        int every = Math.max(1, train.epochs() / 4);
        Network model = new Trainer().train(splits.train(), train.options(), (epoch, epochs, loss, accuracy) -> {
            if (epoch % every == 0 || epoch == epochs) {
                console.printf(Locale.ROOT, "  epoch %3d/%d  loss %.4f  train accuracy %.4f  %5.1fs%n", epoch, epochs,
                        loss, accuracy, (System.nanoTime() - start) / 1e9);
                console.flush();
            }
        });
        SortedMap<String, String> m = new TreeMap<>();
        m.put(ModelMetadata.DATASET, config.dataset().spec());
        m.put(ModelMetadata.DATASET_SHA256, splits.train().checksum());
        m.put(ModelMetadata.SPLIT_SEED, Long.toString(config.dataset().splitSeed()));
        m.put(ModelMetadata.CALIBRATION_MAX, Integer.toString(config.dataset().splitSpec().calibrationMax()));
        m.put(ModelMetadata.TRAIN_SEED, Long.toString(train.seed()));
        m.put(ModelMetadata.TRAINING, train.options().metadataJson());
        m.put(ModelMetadata.TEST_ACCURACY, String.format(Locale.ROOT, "%.6f", Trainer.accuracy(model, splits.test())));
        BuildInfo info = BuildInfo.current();
        m.put(ModelMetadata.VERSION, info.version() + " (" + info.commit() + ")");
        Checkpoints.writeFloat(file, model, m);
    }

    private static void copy(Path source, Path target) {
        try {
            AtomicFiles.write(target, Files.readAllBytes(source));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read model checkpoint " + source + ": " + e.getMessage() + ".", e);
        }
    }

    /** @return the first 12 hex digits, enough for a person to compare */
    static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
