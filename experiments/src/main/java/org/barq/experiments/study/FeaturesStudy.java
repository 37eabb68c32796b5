package org.barq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;
import org.barq.api.data.Splits;
import org.barq.api.model.Network;
import org.barq.evaluation.JsonReports;
import org.barq.experiments.data.DatasetResolver;
import org.barq.experiments.data.DatasetSpec;
import org.barq.experiments.features.FeatureAnalysis;
import org.barq.experiments.features.FeatureAnalysisOptions;
import org.barq.experiments.features.FeatureRepresentation;
import org.barq.experiments.features.FeatureRow;
import org.barq.experiments.features.FeatureRunJson;
import org.barq.report.FeatureCharts;
import org.barq.report.FeaturesReport;
import org.barq.report.ReportFiles;
import org.barq.experiments.study.config.FeatureDatasetConfig;
import org.barq.experiments.study.config.FeaturesConfig;
import org.barq.experiments.study.config.FeaturesStudyConfig;
import org.barq.experiments.study.config.StudyConfigs;
import org.barq.experiments.training.Trainer;
import org.barq.features.FeatureQuantizerRegistry;
import org.barq.features.LayerActivations;

/**
 * Runs a features study ({@code barq run} on a config with {@code features:}): for each data set, trains the float
 * model when a hidden layer is asked for, runs {@code barq features}' analysis on each representation, writes
 * {@code features/<set>-<representation>.json} and its SVG plots, then {@code report.html} and {@code summary.md}.
 * A data set whose files are missing is reported as not run (a study with none readable is refused), so that one
 * config serves machines with and without the real data. Not resumable: a run starts over (digits takes about a minute).
 */
public final class FeaturesStudy {
    /** The subfolder of the run folder that holds each representation's JSON and charts. */
    public static final String FOLDER = "features";
    private final FeatureQuantizerRegistry quantizers;

    /** @param quantizers the feature quantizers to sweep */
    @Inject
    public FeaturesStudy(FeatureQuantizerRegistry quantizers) {
        this.quantizers = quantizers;
    }

    /**
     * @param configFile the YAML config
     * @param out        the run folder; an earlier study's files in it are moved aside, since this one starts over
     * @param console    progress
     * @return the report files
     * @throws InvalidInputException for a bad config
     */
    public ReportFiles run(Path configFile, Path out, PrintWriter console) {
        String text = StudyConfigs.text(configFile);
        FeaturesStudyConfig config = StudyConfigs.parse(text, configFile.toString(), FeaturesStudyConfig.class);
        FeatureAnalysisOptions options = config.features().options();
        requireDistinctNames(config.features().datasets().stream().map(FeaturesStudy::spec).toList(),
                "features.datasets", configFile);
        List<FeaturesReport.Section> sections = new ArrayList<>();
        String yaml = StudyConfigs.toYaml(config);
        SweepProvenance provenance = new SweepProvenance(configFile, yaml, seeds(config.features()));
        Map<String, String> notRun = new LinkedHashMap<>();
        boolean started = false;
        for (FeatureDatasetConfig entry : config.features().datasets()) {
            String spec = spec(entry);
            Splits splits;
            try {
                splits = entry.dataset().resolver().resolve(spec, entry.dataset().splitSpec(),
                        entry.dataset().splitSeed());
            } catch (InvalidInputException e) {
                console.printf("%s: not run: %s%n", spec, e.getMessage());
                notRun.put(spec, e.getMessage());
                for (String layer : entry.layers()) {
                    sections.add(new FeaturesReport.Section(title(spec, hiddenLayer(entry, layer)), null,
                            e.getMessage(), null));
                }
                continue;
            }
            provenance.dataset(spec, splits.train().checksum());
            if (!started) {
                // with the first data set that runs, so that a study with none changes no run folder; an earlier
                // run's files for representations this one does not make would otherwise stay beside the new ones
                new RunFolder(out).supersede(console);
                AtomicFiles.write(out.resolve("config.resolved.yaml"), yaml.getBytes(StandardCharsets.UTF_8));
                started = true;
            }
            Network model = trainsModel(entry) ? train(entry, splits, console) : null;
            String modelNote = model == null ? "" : String.format(Locale.ROOT, " Float model %s (seed %d), test"
                    + " accuracy %.4f on all %d test samples.", entry.model().options().architecture(
                    splits.train().classes()), entry.model().seed(), Trainer.accuracy(model, splits.test()),
                    splits.test().size());
            for (String layer : entry.layers()) {
                sections.add(analyse(entry, spec, splits, model, layer, modelNote, entry.options(options), out,
                        console));
            }
        }
        requireSomeRan(configFile, notRun, started);
        return FeaturesReport.write(out, config.description(), text, provenance.toJson(), sections);
    }

    /**
     * A study none of whose data sets could be read would report nothing but its refusals, and exit as if it had run.
     *
     * @param configFile the study's config, for the message
     * @param notRun     each data set not run, with the reason; in config order
     * @param anyRan     whether any data set could be read
     * @throws InvalidInputException when none could
     */
    static void requireSomeRan(Path configFile, Map<String, String> notRun, boolean anyRan) {
        if (anyRan || notRun.isEmpty()) {
            return;
        }
        Map.Entry<String, String> first = notRun.entrySet().iterator().next();
        throw new InvalidInputException("none of the data sets of " + configFile + " could be read (" + String.join(
                ", ", notRun.keySet()) + "), so the study has nothing to run; " + first.getKey() + ": "
                + first.getValue());
    }

    /** @return {@code true} when the config at {@code configFile} is a features study */
    public static boolean isFeatures(Path configFile) {
        return StudyConfigs.isFeatures(StudyConfigs.text(configFile));
    }

    private FeaturesReport.Section analyse(FeatureDatasetConfig entry, String spec, Splits splits, Network model,
                                           String layer, String modelNote, FeatureAnalysisOptions options, Path out,
                                           PrintWriter console) {
        // the built model is the truth for "last"; the config's count only titles the sections of sets that did not run
        int hidden = layer.equals(FeatureDatasetConfig.LAST) ? LayerActivations.hiddenLayers(model)
                : hiddenLayer(entry, layer);
        FeatureRepresentation representation = FeatureRepresentation.of(splits, hidden == 0 ? null : model, hidden,
                options);
        String title = title(spec, hidden);
        console.printf("%s: %d features%n", title, representation.train().d());
        console.flush();
        List<FeatureRow> rows = FeatureAnalysis.run(representation.train(), representation.test(), quantizers.sweep(),
                options, row -> {
                    console.println("  " + row.describe());
                    console.flush();
                });
        Map<String, Object> json = FeatureRunJson.of(spec, entry.dataset().splitSeed(), hidden == 0 ? null
                : "trained: " + entry.model().options().metadataJson(), representation, quantizers.sweep(), options,
                rows);
        String stem = slug(spec) + "-" + representation.name();
        JsonReports.write(out.resolve(FOLDER).resolve(stem + ".json"), json);
        JsonNode tree = new ObjectMapper().valueToTree(json);
        FeatureCharts.write(out.resolve(FOLDER).resolve(stem), tree);
        String about = hidden == 0 ? "The data set's features, scaled as a model trained on them takes them (the data"
                + " set's own scaling, else min-max over the training split)." : "Hidden layer " + hidden + " of "
                + LayerActivations.hiddenLayers(model) + " of the float model: what its next dense or conv layer takes"
                + " (an MLP's hidden layer after its ReLU, a CNN's pooled feature maps)." + modelNote;
        return new FeaturesReport.Section(title, tree, about, FOLDER + "/" + stem);
    }

    /**
     * @return the hidden layer a config's {@code layers} entry names, 0 for the inputs; {@code last} read from the
     *         model's config, so that a data set that did not run is titled as one that did
     */
    private static int hiddenLayer(FeatureDatasetConfig entry, String layer) {
        return layer.equals(FeatureRepresentation.INPUTS) ? 0 : layer.equals(FeatureDatasetConfig.LAST)
                ? entry.model().hiddenLayers() : Integer.parseInt(layer);
    }

    /** @return a section's title, e.g. {@code digits, hidden_1}: the data set and the representation's name */
    private static String title(String spec, int hidden) {
        return spec + ", " + FeatureRepresentation.name(hidden);
    }

    /** @return the analysis' seed, and each data set's split seed and, where a model is trained, its seed */
    private static Map<String, Object> seeds(FeaturesConfig features) {
        Map<String, Object> split = new LinkedHashMap<>();
        Map<String, Object> training = new LinkedHashMap<>();
        for (FeatureDatasetConfig entry : features.datasets()) {
            split.put(spec(entry), entry.dataset().splitSeed());
            if (trainsModel(entry)) {
                training.put(spec(entry), entry.model().seed());
            }
        }
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("features", features.options().seed());
        seeds.put("split", split);
        seeds.put("training", training);
        return seeds;
    }

    /** @return whether the entry asks for a hidden layer, so that the study trains its float model */
    private static boolean trainsModel(FeatureDatasetConfig entry) {
        return !entry.layers().stream().allMatch(FeatureRepresentation.INPUTS::equals);
    }

    private static Network train(FeatureDatasetConfig entry, Splits splits, PrintWriter console) {
        console.printf("%s: training %s%n", entry.dataset().spec(), entry.model().options().architecture(
                splits.train().classes()));
        console.flush();
        return new Trainer().train(splits.train(), entry.model().options(), null);
    }

    /** A relative {@code csv:} path is taken from the data folder, so that one config serves any data location. */
    private static String spec(FeatureDatasetConfig entry) {
        return spec(entry.dataset());
    }

    /** @return the data set's spec, a relative {@code csv:} path taken from its data folder */
    static String spec(org.barq.experiments.study.config.DatasetConfig dataset) {
        DatasetSpec parsed = DatasetSpec.parse(dataset.spec());
        if (parsed.kind() != DatasetSpec.Kind.CSV || Path.of(parsed.location()).isAbsolute()) {
            return parsed.text();
        }
        return "csv:" + dataset.resolver().dataDir().resolve(parsed.location());
    }

    /**
     * Refuses two entries whose data sets have one name: a study names its files (features) and keys its rows (input
     * bits) by it, so the second would overwrite or be taken for the first.
     *
     * @param specs      each entry's data set spec, in config order
     * @param key        the entries' key path, e.g. {@code features.datasets}
     * @param configFile the config, for the message
     */
    static void requireDistinctNames(List<String> specs, String key, Path configFile) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Integer first = seen.putIfAbsent(slug(specs.get(i)), i);
            if (first != null) {
                throw new InvalidInputException("config " + configFile + ": " + key + "[" + i + "] (" + specs.get(i)
                        + ") and " + key + "[" + first + "] (" + specs.get(first) + ") are both named "
                        + slug(specs.get(i)) + ", by which the study names its files and rows, so one would replace"
                        + " the other. Maybe " + (specs.get(i).equals(specs.get(first)) ? "one entry per data set, and"
                        + " another study for the other model" : "a file of another name for one of them") + "?");
            }
        }
    }

    /** @return a file-name stem for a spec: {@code mnist}, or a CSV's file name up to its first dot */
    static String slug(String spec) {
        String name = spec.startsWith("csv:") || spec.startsWith("idx:") ? Path.of(spec.substring(4)).getFileName()
                .toString() : spec;
        int dot = name.indexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
