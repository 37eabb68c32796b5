package org.barq.experiments.study;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
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
        if (recordedSha != null && Files.exists(file)) {
            LoadedCheckpoint cached = Checkpoints.read(file);
            if (cached.sha256().equals(recordedSha)) {
                console.printf("model: reusing %s (sha256 %s)%n", file, abbreviate(recordedSha));
                return cached;
            }
        }
        if (config.model().train() != null) {
            train(config, splits, file, console);
        } else {
            copy(Path.of(config.model().checkpoint()), file);
        }
        LoadedCheckpoint made = Checkpoints.read(file);
        if (made.isRounded()) {
            throw new InvalidInputException("model checkpoint " + config.model().checkpoint() + " is a rounded model."
                    + " Maybe give the float checkpoint it was rounded from?");
        }
        if (recordedSha != null && !made.sha256().equals(recordedSha)) {
            throw new InvalidInputException("the float model made again (sha256 " + abbreviate(made.sha256())
                    + ") differs from the one this run folder recorded (" + abbreviate(recordedSha) + "). Maybe the"
                    + " checkpoint file changed; pass --force-new to start the study over?");
        }
        Network model = made.network();
        if (model.input().size() != splits.train().dimension() || model.classes() != splits.train().classes()) {
            throw new InvalidInputException("model " + model.spec() + " does not fit data set "
                    + splits.train().describe() + ". Maybe another dataset.spec or model.checkpoint?");
        }
        return made;
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
        if (!Files.isRegularFile(source)) {
            throw new InvalidInputException("model.checkpoint " + source + " does not exist (" + source
                    .toAbsolutePath().normalize() + "; a relative path starts in the working directory, not the"
                    + " config's folder). Maybe check the path?");
        }
        Checkpoints.read(source);
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
