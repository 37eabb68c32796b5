package org.barq.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes the files of a small made-up run into a folder, with numbers chosen so the tests can check them by hand. */
final class SyntheticRun {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> lines = new ArrayList<>();
    private int index;

    /** Adds a results line: test accuracy, flip rate, pair-order flip and Jaccard; calibration Jaccard and flip. */
    SyntheticRun variant(int bits, String solver, String kind, double lambda, long seed, double accuracy,
                         double flip, double pairOrderFlip, double jaccard, double calibrationJaccard,
                         double calibrationPairOrderFlip, boolean traced) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("id", "b" + bits + "/" + solver + "/" + kind + "/l" + lambda + "/s" + seed);
        line.put("index", index++);
        line.put("bits", bits);
        line.put("grid", "mse");
        line.put("solver", solver);
        line.putObject("solver_options");
        ObjectNode objective = line.putObject("objective");
        objective.put("kind", kind);
        objective.put("lambda", lambda);
        objective.put("band", 0.2);
        objective.put("gamma", 0.5);
        objective.put("inputs", "rounded");
        line.put("seed", seed);
        ArrayNode layers = line.putArray("layers");
        for (int layer = 0; layer < 2; layer++) {
            ObjectNode l = layers.addObject();
            l.put("layer", layer);
            l.put("j_rtn", 1.0);
            l.put("j", 0.8);
            ArrayNode trace = l.putArray("trace");
            if (traced && !solver.equals("nearest")) {
                for (int step = 0; step < 5; step++) {
                    trace.addArray().add(0.01 * step).add(step).add(1.0 - 0.05 * step * (layer + 1));
                }
            }
        }
        line.put("solve_seconds", 0.05);
        line.put("codes_sha256", "abc");
        line.set("calibration", metrics(0.95, Double.NaN, calibrationPairOrderFlip, calibrationJaccard));
        line.set("test", metrics(accuracy, flip, pairOrderFlip, jaccard));
        ObjectNode provenance = line.putObject("provenance");
        provenance.put("config_sha256", "c0ffee");
        provenance.put("model_sha256", "feedface");
        lines.add(line.toString());
        return this;
    }

    private static ObjectNode metrics(double accuracy, double flip, double pairOrderFlip, double jaccard) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("accuracy_float", 0.975);
        putNumber(m, "accuracy_rounded", accuracy);
        putNumber(m, "flip_rate", flip);
        m.put("band_flip_rate", 0.1);
        putNumber(m, "pair_order_flip", pairOrderFlip);
        m.put("displacement_median", 0.03);
        putNumber(m, "boundary_jaccard", jaccard);
        m.putObject("fisher_ratio").putObject("float").put("inputs", 1.0);
        m.put("n_samples", 450);
        m.put("n_band", 90);
        return m;
    }

    /** NaN becomes a JSON null, as the run's writer does. */
    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    /** Adds a raw line, such as a truncated one. */
    SyntheticRun raw(String line) {
        lines.add(line);
        return this;
    }

    /** Writes results.jsonl. */
    SyntheticRun writeResults(Path dir) throws IOException {
        Files.write(dir.resolve(ReportKeys.RESULTS_FILE), lines, StandardCharsets.UTF_8);
        return this;
    }

    static void writeStopping(Path dir) throws IOException {
        Files.writeString(dir.resolve(ReportKeys.STOPPING_FILE), """
                {"nearest": {"eps_acc": 0.01, "tau_flip": 0.005, "tau_jaccard": 0.6,
                  "float_calibration_accuracy": 0.975,
                  "candidates": [
                    {"bits": 8, "calibration_accuracy": 0.975, "calibration_flip_rate": 0.0,
                     "calibration_jaccard": 0.41, "test_accuracy": 0.974, "test_flip_rate": 0.0011,
                     "test_jaccard": 0.43},
                    {"bits": 4, "calibration_accuracy": 0.97, "calibration_flip_rate": 0.02,
                     "calibration_jaccard": 0.9, "test_accuracy": 0.96, "test_flip_rate": 0.0123,
                     "test_jaccard": 0.91}],
                  "selected_by_accuracy": {"bits": 4, "calibration_accuracy": 0.97, "calibration_flip_rate": 0.02,
                     "calibration_jaccard": 0.9, "test_accuracy": 0.96, "test_flip_rate": 0.0123,
                     "test_jaccard": 0.91},
                  "boundary_aware": {"bits": 8, "calibration_accuracy": 0.975, "calibration_flip_rate": 0.0,
                     "calibration_jaccard": 0.41, "test_accuracy": 0.974, "test_flip_rate": 0.0011,
                     "test_jaccard": 0.43},
                  "n_variants": 12, "jaccard_pearson_r": 0.9612}}
                """);
    }

    /** Two transitions; the first lists its pictures, out of t order, as a manifest need not keep it. */
    static void writeInterpolation(Path dir) throws IOException {
        for (String name : List.of("interpolation_first_change", "interpolation_high", "interpolation_low")) {
            writePng(dir, "interpolation/b3-b4_" + name + ".png");
        }
        Files.writeString(dir.resolve(ReportKeys.INTERPOLATION_FILE), """
                [{"low_bits": 3, "high_bits": 4, "solver": "nearest", "seed": 1, "steps": 4, "slice_grid": 50,
                  "changed_cells": 120,
                  "changed_fraction": 0.048, "junctions_low": 7, "junctions_high": 5, "reconfigured_junctions": 3,
                  "changed_cells_in_reconfigured_junctions": 13, "first_changes_per_step": [50, 40, 20, 10],
                  "plots": ["plots/interpolation/b3-b4_interpolation_first_change.png",
                    "plots/interpolation/b3-b4_interpolation_high.png",
                    "plots/interpolation/b3-b4_interpolation_low.png"]},
                 {"low_bits": 4, "high_bits": 5, "steps": 4, "slice_grid": 50, "changed_cells": 60,
                  "changed_fraction": 0.024, "junctions_low": 5, "junctions_high": 5, "reconfigured_junctions": 2,
                  "changed_cells_in_reconfigured_junctions": 29, "first_changes_per_step": [30, 20, NaN, 10]}]
                """);
    }

    static void writeProvenance(Path dir) throws IOException {
        Files.writeString(dir.resolve(ReportKeys.PROVENANCE_FILE), """
                {"config": {"name": "digits-synthetic", "bits": [3, 4, 8]}, "config_path": "configs/digits.yaml",
                 "seeds": [1, 2], "dataset_sha256": {"digits.csv": "d1g175"}, "model_sha256": "feedface",
                 "version": "0.1.0-SNAPSHOT", "commit": "1234abc", "java": "17.0.9 (Eclipse Adoptium)",
                 "os": {"name": "Linux", "arch": "amd64"}, "wall_seconds": 42.5}
                """);
        Files.writeString(dir.resolve(ReportKeys.RESOLVED_CONFIG_FILE), "name: digits-synthetic\nbits: [3, 4, 8]\n");
    }

    /** Writes a 4 x 4 PNG, one pixel red, under plots/. */
    static void writePng(Path dir, String relative) throws IOException {
        writePng(dir, relative, 0xff0000);
    }

    /** Writes a 4 x 4 PNG with one pixel of the given colour, under plots/. */
    static void writePng(Path dir, String relative, int rgb) throws IOException {
        Path file = dir.resolve(ReportKeys.PLOTS_DIR).resolve(relative);
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, rgb);
        ImageIO.write(image, "png", file.toFile());
    }

    /**
     * Writes the slice pictures of some variants, as a study does: per variant its float slice, rounded slice and
     * boundary overlay under plots/slices/, listed in plots/slices.json in the order given.
     *
     * @param sameFloat whether every float slice is the same picture, as in a study
     */
    static void writeSlices(Path dir, boolean sameFloat, String... ids) throws IOException {
        ArrayNode slices = MAPPER.createArrayNode();
        for (int k = 0; k < ids.length; k++) {
            String stem = "slices/" + ids[k].replace('/', '_') + "_";
            writePng(dir, stem + "slice_float.png", sameFloat ? 0x00ff00 : k);
            writePng(dir, stem + "slice_rounded.png");
            writePng(dir, stem + "boundary_overlay.png");
            ObjectNode entry = slices.addObject();
            entry.put("id", ids[k]);
            entry.put("set", "test");
            ArrayNode files = entry.putArray("files");
            for (String name : List.of("slice_float.png", "slice_rounded.png", "boundary_overlay.png")) {
                files.add(ReportKeys.PLOTS_DIR + "/" + stem + name);
            }
        }
        ObjectNode manifest = MAPPER.createObjectNode();
        manifest.set("slices", slices);
        Files.writeString(dir.resolve(ReportKeys.SLICES_FILE), manifest.toString());
    }
}
