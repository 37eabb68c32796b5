package org.barq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;
import org.barq.api.data.Dataset;
import org.barq.api.data.Splits;
import org.barq.api.features.FeatureQuantizerOptions;
import org.barq.api.features.ThresholdCode;
import org.barq.api.model.InputQuantizer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Network;
import org.barq.report.InputBitsReport;
import org.barq.report.ReportFiles;
import org.barq.experiments.study.config.InputBitsStudyConfig;
import org.barq.experiments.study.config.StudyConfigs;
import org.barq.experiments.training.InputTrainingOptions;
import org.barq.experiments.training.QuantizedInputModel;
import org.barq.experiments.training.Trainer;
import org.barq.experiments.training.TrainingOptions;
import org.barq.features.FeatureQuantizerRegistry;
import org.barq.features.StorableQuantizers;

/**
 * Runs an input-bits study ({@code barq run} on a config with {@code input_bits:}): for each data set and seed it
 * trains the float reference, then at each bit width a network behind each quantizer ({@code trained}), and runs the
 * float model on each level quantizer's hard levels ({@code post-hoc}); every test accuracy is one line of
 * {@code input-bits/results.jsonl}, rewritten atomically after each, so that a run stopped part way resumes where it
 * stopped. Then {@code report.html} (accuracy against bits per feature, one line per quantizer, float as a
 * reference) and {@code summary.md} (means over seeds). A data set whose files are missing is reported as not run.
 */
public final class InputBitsStudy {
    /** The results file, under the run folder. */
    public static final String RESULTS = "input-bits/results.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FeatureQuantizerRegistry quantizers;

    /** @param quantizers the registered feature quantizers */
    @Inject
    public InputBitsStudy(FeatureQuantizerRegistry quantizers) {
        this.quantizers = quantizers;
    }

    /** @return whether the config at {@code configFile} is an input-bits study */
    public static boolean isInputBits(Path configFile) {
        return StudyConfigs.isInputBits(StudyConfigs.text(configFile));
    }

    /**
     * @param configFile the YAML config
     * @param out        the run folder
     * @param console    progress
     * @return the report files
     * @throws InvalidInputException for a bad config
     */
    public ReportFiles run(Path configFile, Path out, PrintWriter console) {
        String text = StudyConfigs.text(configFile);
        InputBitsStudyConfig config = StudyConfigs.parse(text, configFile.toString(), InputBitsStudyConfig.class);
        AtomicFiles.write(out.resolve("config.resolved.yaml"), StudyConfigs.toYaml(config)
                .getBytes(StandardCharsets.UTF_8));
        Path resultsFile = out.resolve(RESULTS);
        Map<String, Map<String, Object>> results = read(resultsFile);
        Map<String, String> notRun = new LinkedHashMap<>();
        InputBitsStudyConfig.Sweep sweep = config.inputBits();
        for (InputBitsStudyConfig.Entry entry : sweep.datasets()) {
            String spec = FeaturesStudy.spec(entry.dataset());
            Splits splits;
            try {
                splits = entry.dataset().resolver().resolve(spec, entry.dataset().splitSpec(),
                        entry.dataset().splitSeed());
            } catch (InvalidInputException e) {
                console.printf("%s: not run: %s%n", spec, e.getMessage());
                notRun.put(FeaturesStudy.slug(spec), e.getMessage());
                continue;
            }
            String set = FeaturesStudy.slug(spec);
            Dataset train = splits.train();
            double[] scaled = train.scaledInputs(train.trainingScaling());
            for (long seed : sweep.seeds()) {
                TrainingOptions base = entry.model().options();
                TrainingOptions options = new TrainingOptions(base.hidden(), base.arch(), base.epochs(),
                        base.batchSize(), base.learningRate(), seed);
                Network floatModel = null;
                String floatKey = key(set, seed, "float", "float", 32);
                if (!results.containsKey(floatKey) || !sweep.postHoc().isEmpty()) {
                    floatModel = new Trainer().train(train, options, null);
                    record(results, floatKey, row(set, seed, "float", "float", 32, Trainer.accuracy(floatModel,
                            splits.test()), 1.0), resultsFile, console);
                }
                for (int bits : sweep.bits()) {
                    for (String name : sweep.postHoc()) {
                        String k = key(set, seed, name, "post-hoc", bits);
                        if (!results.containsKey(k)) {
                            ThresholdCode code = fit(name, scaled, train, bits);
                            InputQuantizer q = new InputQuantizer(train.trainingScaling(), code);
                            // the float network takes the levels as it took the scaled features
                            Network onLevels = new Network(floatModel.layers(), floatModel.input(),
                                    InputScaling.uniform(1.0));
                            record(results, k, row(set, seed, name, "post-hoc", bits, Trainer.accuracy(onLevels,
                                    q.decoded(splits.test()).withShape(floatModel.input())),
                                    code.compressionFactor()), resultsFile, console);
                        }
                    }
                    for (String name : sweep.quantizers()) {
                        String k = key(set, seed, name, "trained", bits);
                        if (!results.containsKey(k)) {
                            ThresholdCode start = fit(name, scaled, train, bits);
                            QuantizedInputModel model = new Trainer().train(train, options, start,
                                    new InputTrainingOptions(name, bits, sweep.decay()), null);
                            record(results, k, row(set, seed, name, "trained", bits, Trainer.accuracy(
                                    model.network(), model.input(), splits.test()), start.compressionFactor()),
                                    resultsFile, console);
                        }
                    }
                }
            }
        }
        return InputBitsReport.write(out, config.description(), text, new ArrayList<>(results.values()), notRun);
    }

    private ThresholdCode fit(String name, double[] scaled, Dataset train, int bits) {
        return StorableQuantizers.of(quantizers.get(name).fit(scaled, train.size(), train.dimension(),
                FeatureQuantizerOptions.levels(bits)));
    }

    private static Map<String, Object> row(String set, long seed, String quantizer, String mode, int bits,
                                           double accuracy, double compression) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("dataset", set);
        row.put("seed", seed);
        row.put("quantizer", quantizer);
        row.put("mode", mode);
        row.put("bits", bits);
        row.put("test_accuracy", accuracy);
        row.put("compression", compression);
        return row;
    }

    private static String key(String set, long seed, String quantizer, String mode, int bits) {
        return set + "|" + seed + "|" + quantizer + "|" + mode + "|" + bits;
    }

    private static void record(Map<String, Map<String, Object>> results, String key, Map<String, Object> row,
                               Path file, PrintWriter console) {
        results.put(key, row);
        StringBuilder lines = new StringBuilder();
        try {
            for (Map<String, Object> r : results.values()) {
                lines.append(JSON.writeValueAsString(r)).append('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AtomicFiles.write(file, lines.toString().getBytes(StandardCharsets.UTF_8));
        console.printf(Locale.ROOT, "%-14s seed %d  %-14s %-8s %d bits  test accuracy %.4f%n", row.get("dataset"),
                row.get("seed"), row.get("quantizer"), row.get("mode"), row.get("bits"), row.get("test_accuracy"));
        console.flush();
    }

    /** @return the rows of an earlier session, by key, in file order */
    private static Map<String, Map<String, Object>> read(Path file) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                Map<String, Object> row = row(n.get("dataset").asText(), n.get("seed").asLong(),
                        n.get("quantizer").asText(), n.get("mode").asText(), n.get("bits").asInt(),
                        n.get("test_accuracy").asDouble(), n.get("compression").asDouble());
                rows.put(key((String) row.get("dataset"), (Long) row.get("seed"), (String) row.get("quantizer"),
                        (String) row.get("mode"), (Integer) row.get("bits")), row);
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + " cannot be read as the results of an input-bits study ("
                    + e.getMessage() + "). Maybe remove it and run again?");
        }
        return rows;
    }

}
