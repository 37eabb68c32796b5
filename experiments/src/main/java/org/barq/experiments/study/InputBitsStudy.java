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
import java.util.Arrays;
import java.util.HashMap;
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
import org.barq.features.QuantileThresholds;
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
    /** The subfolder of the run folder that holds the results file. */
    public static final String FOLDER = "input-bits";
    /** The results file, under the run folder. */
    public static final String RESULTS = FOLDER + "/results.jsonl";
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
     * @param forceNew   move an earlier study in {@code out} aside and start over, instead of resuming it
     * @return the report files
     * @throws InvalidInputException for a bad config, or a folder holding a study of another config
     */
    public ReportFiles run(Path configFile, Path out, PrintWriter console, boolean forceNew) {
        String text = StudyConfigs.text(configFile);
        InputBitsStudyConfig config = StudyConfigs.parse(text, configFile.toString(), InputBitsStudyConfig.class);
        String yaml = StudyConfigs.toYaml(config);
        Path resultsFile = out.resolve(RESULTS);
        if (!forceNew && Files.exists(resultsFile) && !yaml.equals(resolvedConfig(out))) {
            // its rows are keyed by data set, seed, quantizer and widths alone: another config's would be taken as done
            throw new InvalidInputException("run folder " + out + " holds an input-bits study of another config (its"
                    + " config.resolved.yaml differs from what " + configFile + " gives). Maybe another --out, or"
                    + " --force-new to move it aside and start over?");
        }
        InputBitsStudyConfig.Sweep sweep = config.inputBits();
        FeaturesStudy.requireDistinctNames(sweep.datasets().stream().map(e -> FeaturesStudy.spec(e.dataset()))
                .toList(), "input_bits.datasets", configFile);
        Map<String, Map<String, Object>> results = read(resultsFile);
        Map<String, String> notRun = new LinkedHashMap<>();
        SweepProvenance provenance = new SweepProvenance(configFile, yaml, seeds(sweep));
        boolean started = false;
        Map<Integer, Splits> checked = requireFeatureBitsFit(sweep, configFile);
        for (int d = 0; d < sweep.datasets().size(); d++) {
            InputBitsStudyConfig.Entry entry = sweep.datasets().get(d);
            String spec = FeaturesStudy.spec(entry.dataset());
            Splits splits = checked.remove(d);
            try {
                splits = splits != null ? splits : entry.dataset().resolver().resolve(spec,
                        entry.dataset().splitSpec(), entry.dataset().splitSeed());
            } catch (InvalidInputException e) {
                console.printf("%s: not run: %s%n", spec, e.getMessage());
                notRun.put(FeaturesStudy.slug(spec), e.getMessage());
                continue;
            }
            if (!started) {
                // with the first data set that runs, so that a study with none changes no run folder
                if (forceNew) {
                    new RunFolder(out).supersede(console);
                    results.clear();
                }
                AtomicFiles.write(out.resolve("config.resolved.yaml"), yaml.getBytes(StandardCharsets.UTF_8));
                started = true;
            }
            String set = FeaturesStudy.slug(spec);
            Dataset train = splits.train();
            String sha = train.checksum();
            requireSameData(results, set, sha, resultsFile);
            provenance.dataset(spec, sha);
            double[] scaled = train.scaledInputs(train.trainingScaling());
            for (long seed : sweep.seeds()) {
                TrainingOptions base = entry.model().options();
                TrainingOptions options = new TrainingOptions(base.hidden(), base.arch(), base.epochs(),
                        base.batchSize(), base.learningRate(), seed);
                List<Widths> widths = new ArrayList<>();
                sweep.bits().forEach(b -> widths.add(Widths.same(b, train.dimension())));
                for (int i = 0; i < entry.featureBits().size(); i++) {
                    widths.add(Widths.given(set, i, entry.featureBits().get(i), train.dimension()));
                }
                Network floatModel = null;
                String floatKey = key(set, seed, "float", "float", "32");
                // a resumed run trains the float model again only for rows that still need it
                boolean postHocMissing = false;
                for (Widths w : widths) {
                    for (String name : sweep.postHoc()) {
                        postHocMissing |= w.allows(name) && !results.containsKey(key(set, seed, name, "post-hoc",
                                w.label()));
                    }
                }
                if (!results.containsKey(floatKey) || postHocMissing) {
                    floatModel = new Trainer().train(train, options, null);
                    record(results, floatKey, row(set, sha, seed, "float", "float", "32", 32,
                            Trainer.accuracy(floatModel, splits.test()), 1.0), resultsFile, console);
                }
                for (Widths w : widths) {
                    for (String name : sweep.postHoc()) {
                        String k = key(set, seed, name, "post-hoc", w.label());
                        if (w.allows(name) && !results.containsKey(k)) {
                            ThresholdCode code = fit(name, scaled, train, w);
                            InputQuantizer q = new InputQuantizer(train.trainingScaling(), code);
                            // the float network takes the levels as it took the scaled features
                            Network onLevels = new Network(floatModel.layers(), floatModel.input(),
                                    InputScaling.uniform(1.0));
                            record(results, k, row(set, sha, seed, name, "post-hoc", w, Trainer.accuracy(onLevels,
                                    q.decoded(splits.test()).withShape(floatModel.input())),
                                    code.compressionFactor()), resultsFile, console);
                        }
                    }
                    for (Trained t : trained(sweep)) {
                        String k = key(set, seed, t.quantizer(), t.mode(), w.label());
                        if (w.allows(t.quantizer()) && !results.containsKey(k)) {
                            ThresholdCode start = fit(t.quantizer(), scaled, train, w);
                            QuantizedInputModel model = new Trainer().train(train, options, start,
                                    new InputTrainingOptions(t.quantizer(), start.bits(), sweep.decay(),
                                            t.straightThrough()), null);
                            record(results, k, row(set, sha, seed, t.quantizer(), t.mode(), w, Trainer.accuracy(
                                    model.network(), model.input(), splits.test()), start.compressionFactor()),
                                    resultsFile, console);
                        }
                    }
                }
            }
        }
        FeaturesStudy.requireSomeRan(configFile, notRun, started);
        return InputBitsReport.write(out, config.description(), text, provenance.toJson(),
                new ArrayList<>(results.values()), notRun);
    }

    /**
     * A data set's {@code feature_bits} give one width per feature, which only the data tell: read before anything is
     * written or trained, so that a list of another length is refused in a folder the run leaves as it was.
     *
     * @return the splits read for the check, by data set entry, for the run to use (a data set that cannot be read
     *         is left to the run, which reports it as not run)
     */
    private static Map<Integer, Splits> requireFeatureBitsFit(InputBitsStudyConfig.Sweep sweep, Path configFile) {
        Map<Integer, Splits> read = new HashMap<>();
        for (int d = 0; d < sweep.datasets().size(); d++) {
            InputBitsStudyConfig.Entry entry = sweep.datasets().get(d);
            if (entry.featureBits().isEmpty()) {
                continue;
            }
            Splits splits;
            try {
                splits = entry.dataset().resolver().resolve(FeaturesStudy.spec(entry.dataset()),
                        entry.dataset().splitSpec(), entry.dataset().splitSeed());
            } catch (InvalidInputException e) {
                continue;
            }
            int features = splits.train().dimension();
            for (int i = 0; i < entry.featureBits().size(); i++) {
                int given = entry.featureBits().get(i).size();
                if (given != features) {
                    throw new InvalidInputException("config " + configFile + ": input_bits.datasets[" + d
                            + "].feature_bits[" + i + "] gives " + given + " widths but the data set "
                            + FeaturesStudy.slug(FeaturesStudy.spec(entry.dataset())) + " has " + features
                            + " features. Maybe one width per feature, " + features + " in all?");
                }
            }
            read.put(d, splits);
        }
        return read;
    }

    /**
     * A network trained behind a quantizer: {@code trained}, or {@code straight-through} for bitwise fed the hard code.
     */
    private record Trained(String quantizer, String mode, boolean straightThrough) {
    }

    /** @return the trained networks of one width, in the config's quantizer order, straight-through after bitwise */
    private static List<Trained> trained(InputBitsStudyConfig.Sweep sweep) {
        List<Trained> out = new ArrayList<>();
        for (String name : sweep.quantizers()) {
            out.add(new Trained(name, "trained", false));
            if (sweep.straightThrough() && name.equals(InputTrainingOptions.BITWISE)) {
                out.add(new Trained(name, "straight-through", true));
            }
        }
        return out;
    }

    /** @return the seeds of every network, and each data set's split seed */
    private static Map<String, Object> seeds(InputBitsStudyConfig.Sweep sweep) {
        Map<String, Object> split = new LinkedHashMap<>();
        sweep.datasets().forEach(e -> split.put(FeaturesStudy.spec(e.dataset()), e.dataset().splitSeed()));
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("training", sweep.seeds());
        seeds.put("split", split);
        return seeds;
    }

    /** Rows of another version of a data set's files would be averaged with these ones: refused. */
    private static void requireSameData(Map<String, Map<String, Object>> results, String set, String sha, Path file) {
        for (Map<String, Object> r : results.values()) {
            if (r.get("dataset").equals(set) && !r.get("dataset_sha256").equals(sha)) {
                throw new InvalidInputException(file + " holds results of data set " + set + " with sha256 "
                        + FloatModels.abbreviate((String) r.get("dataset_sha256")) + " but its files now have "
                        + FloatModels.abbreviate(sha) + ". Maybe restore the data, or another --out?");
            }
        }
    }

    private ThresholdCode fit(String name, double[] scaled, Dataset train, Widths w) {
        return w.common() ? StorableQuantizers.of(quantizers.get(name).fit(scaled, train.size(), train.dimension(),
                FeatureQuantizerOptions.levels(w.bits()[0]))) : QuantileThresholds.perFeature(name, scaled,
                train.size(), train.dimension(), w.bits());
    }

    /**
     * One point of the sweep: a common width, or a {@code feature_bits} list of the data set's entry.
     *
     * @param label  {@code 2}, or {@code feature_bits[i]}: the point's name in the results
     * @param bits   each feature's width
     * @param common whether every feature has the same width, given as such
     */
    private record Widths(String label, int[] bits, boolean common) {
        static Widths same(int bits, int features) {
            int[] b = new int[features];
            Arrays.fill(b, bits);
            return new Widths(Integer.toString(bits), b, true);
        }

        static Widths given(String set, int index, List<Integer> bits, int features) {
            String label = "feature_bits[" + index + "]";
            if (bits.size() != features) {
                throw new InvalidInputException(set + " " + label + " gives " + bits.size() + " widths but the data"
                        + " set has " + features + " features. Maybe one width per feature?");
            }
            return new Widths(label, bits.stream().mapToInt(Integer::intValue).toArray(), false);
        }

        /** Uniform levels have one width for all features. */
        boolean allows(String quantizer) {
            return common || !quantizer.equals("uniform");
        }

        /** @return the mean bits per feature, the report's x */
        Number mean() {
            return common ? (Number) bits[0] : Arrays.stream(bits).average().orElseThrow();
        }
    }

    private static Map<String, Object> row(String set, String sha, long seed, String quantizer, String mode,
                                           Widths w, double accuracy, double compression) {
        return row(set, sha, seed, quantizer, mode, w.label(), w.mean(), accuracy, compression);
    }

    private static Map<String, Object> row(String set, String sha, long seed, String quantizer, String mode,
                                           String widths, Number bits, double accuracy, double compression) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("dataset", set);
        row.put("dataset_sha256", sha);
        row.put("seed", seed);
        row.put("quantizer", quantizer);
        row.put("mode", mode);
        row.put("widths", widths);
        row.put("bits", bits);
        row.put("test_accuracy", accuracy);
        row.put("compression", compression);
        return row;
    }

    private static String key(String set, long seed, String quantizer, String mode, String widths) {
        return set + "|" + seed + "|" + quantizer + "|" + mode + "|" + widths;
    }

    private static void record(Map<String, Map<String, Object>> results, String key, Map<String, Object> row,
                               Path file, PrintWriter console) {
        results.put(key, row);
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> r : results.values()) {
            lines.append(StudyJson.line(r)).append('\n');
        }
        AtomicFiles.write(file, lines.toString().getBytes(StandardCharsets.UTF_8));
        String bits = row.get("bits") + " bits";
        String widths = row.get("widths").equals(row.get("bits").toString()) ? bits
                : row.get("widths") + " (" + bits + ")";
        console.printf(Locale.ROOT, "%-14s seed %d  %-14s %-8s %s  test accuracy %.4f%n", row.get("dataset"),
                row.get("seed"), row.get("quantizer"), row.get("mode"), widths, row.get("test_accuracy"));
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
                Map<String, Object> row = row(n.get("dataset").asText(), n.get("dataset_sha256").asText(),
                        n.get("seed").asLong(),
                        n.get("quantizer").asText(), n.get("mode").asText(), n.get("widths").asText(),
                        n.get("bits").numberValue(), number(n.get("test_accuracy")), number(n.get("compression")));
                rows.put(key((String) row.get("dataset"), (Long) row.get("seed"), (String) row.get("quantizer"),
                        (String) row.get("mode"), (String) row.get("widths")), row);
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + " cannot be read as the results of an input-bits study ("
                    + e.getMessage() + "). Maybe remove it and run again?");
        }
        return rows;
    }


    /** @return the value, or NaN for the {@code null} that a non-finite number is written as */
    private static double number(JsonNode value) {
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }

    /** @return the resolved config an earlier run wrote into {@code out}, or null when there is none */
    private static String resolvedConfig(Path out) {
        Path file = out.resolve("config.resolved.yaml");
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage() + ". Maybe check that it"
                    + " is a readable file, or use another --out?", e);
        }
    }
}
