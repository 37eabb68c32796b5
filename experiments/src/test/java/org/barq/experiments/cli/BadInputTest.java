package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input: exit code 2, one line naming the problem and the value, no stack trace, no output file. */
class BadInputTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void smallModel() {
        model = dir.resolve("m.safetensors");
        assertEquals(0, Cli.run("train", "--epochs", "1", "--out", model.toString()).exitCode());
    }

    /** @return a csv: data set of 40 rows, 2 features and 2 classes, unlike the digits model's 64 and 10 */
    private static Path narrowCsv(String name) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            rows.append(i % 7).append(',').append(i % 3).append(',').append(i % 2).append('\n');
        }
        return Files.writeString(dir.resolve(name), rows);
    }

    private static Cli assertBadInput(String expectedFragment, Path out, String... args) {
        Cli r = Cli.run(args);
        assertEquals(2, r.exitCode(), "exit code for " + String.join(" ", args) + "\n" + r.err());
        List<String> lines = new ArrayList<>(r.err().lines().filter(l -> !l.isBlank()).toList());
        assertEquals(1, lines.size(), "one line: " + r.err());
        assertTrue(lines.get(0).contains(expectedFragment), lines.get(0));
        assertFalse(r.err().contains("\tat "), "no stack trace");
        if (out != null) {
            assertFalse(Files.exists(out), "no partial output");
        }
        return r;
    }

    /** A folder as the output file used to be found only at the final rename, after the training or rounding. */
    @Test
    void aFolderAsTheOutputFileIsRefusedBeforeAnyWork() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("out-folder"));
        String expected = "Invalid value for option '--out': " + folder + " is a folder, and barq writes a file"
                + " there. Maybe a file name inside it (" + folder.resolve("NAME") + ")?";
        for (String[] args : List.of(
                new String[] {"train", "--epochs", "1", "--out", folder.toString()},
                new String[] {"quantize", "--model", model.toString(), "--bits", "4", "--out", folder.toString()})) {
            Cli r = assertBadInput(expected, null, args);
            assertEquals("", r.out(), "nothing run before the refusal");
            assertTrue(r.err().contains("(" + folder.resolve("NAME") + ")? See 'barq " + args[0] + " --help'."),
                    r.err());
        }
        assertBadInput("Invalid value for option '--json': " + folder + " is a folder", null, "evaluate",
                "--model", model.toString(), "--rounded", model.toString(), "--json", folder.toString());
        assertBadInput("Invalid value for option '--view': " + folder + " is a folder", null, "interpolate",
                "--model", model.toString(), "--low", model.toString(), "--high", model.toString(), "--view",
                folder.toString());
    }

    /** An output named like an input would replace it: the float model, the rounded one, the ONNX file. */
    @Test
    void anOutputThatNamesAnInputIsRefusedAndTheInputKept() throws Exception {
        byte[] before = Files.readAllBytes(model);
        assertBadInput("--out " + model + " is the --model file, which writing it would replace. Maybe another name"
                + " for --out?", null, "quantize", "--model", model.toString(), "--bits", "4", "--out",
                model.toString());
        assertBadInput("--json " + model + " is the --model file", null, "evaluate", "--model", model.toString(),
                "--rounded", model.toString(), "--json", model.toString());
        assertBadInput("--json " + model + " is the --model file", null, "stop", "--model", model.toString(),
                "--json", model.toString());
        Path onnx = Path.of("..", "interop", "src", "test", "resources", "org", "barq", "interop", "onnx",
                "mlp.onnx");
        assertBadInput("is the MODEL.onnx file", null, "import", onnx.toString(), "--out", onnx.toString());
        // a graph that scales its own input checked the value only against it: 'input scale 0.0 must be positive'
        assertBadInput("--input-scale 0.0 must be a positive number. Maybe 0.00392156862745098 (1/255)?", null,
                "import", onnx.toString(), "--input-scale", "0", "--out", dir.resolve("imp.safetensors").toString());
        assertArrayEquals(before, Files.readAllBytes(model));
        Path file = Files.writeString(dir.resolve("plots-file"), "x");
        assertBadInput("Invalid value for option '--plots': " + file + " is a file, and barq writes a folder of"
                + " files there", null, "evaluate", "--model", model.toString(), "--rounded", model.toString(),
                "--plots", file.toString());
        assertBadInput("Invalid value for option '--out': " + file + " is a file", null, "run", "configs/x.yaml",
                "--out", file.toString());
    }

    /**
     * A csv: data set is an input too: writing over it lost the data (exit 0). Two outputs of one command on the same
     * path replaced one another, or failed after the first was written.
     */
    @Test
    void anOutputThatNamesTheDataFileOrAnotherOutputIsRefused() throws Exception {
        Path csv = narrowCsv("d.csv");
        byte[] data = Files.readAllBytes(csv);
        assertBadInput("--out " + csv + " is the --dataset csv:" + csv + " file, which writing it would replace. Maybe"
                + " another name for --out?", null, "train", "--dataset", "csv:" + csv, "--epochs", "1", "--out",
                csv.toString());
        assertBadInput("--out " + csv + " is the --calibration csv:" + csv + " file", null, "quantize", "--model",
                model.toString(), "--bits", "4", "--calibration", "csv:" + csv, "--out", csv.toString());
        assertBadInput("--json " + csv + " is the --dataset csv:" + csv + " file", null, "features", "--dataset",
                "csv:" + csv, "--json", csv.toString());
        assertArrayEquals(data, Files.readAllBytes(csv));
        assertBadInput("data set csv:" + csv + " has 2 features but the model takes 64. Maybe give --calibration"
                + " data of the set it was trained on?", null, "quantize", "--model", model.toString(), "--bits", "4",
                "--calibration", "csv:" + csv, "--out", dir.resolve("o-cal.safetensors").toString());

        assertBadInput("Invalid value for option '--out': an empty value names no file. Maybe a file name, as --help"
                + " shows?", null, "quantize", "--model", model.toString(), "--bits", "4", "--out", "");
        assertBadInput(model + " is a file, not a run folder. Maybe the --out folder of the 'barq run' that wrote it?",
                null, "view", model.toString());

        // a data set name the model records is the file's, not the user's: say where it came from
        String header = new String(Files.readAllBytes(model), StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("\"barq.dataset\":\"digits\""), "the same length keeps the header's size");
        Path unknown = Files.write(dir.resolve("unknown-data.safetensors"), header.replace(
                "\"barq.dataset\":\"digits\"", "\"barq.dataset\":\"nosuch\"").getBytes(StandardCharsets.ISO_8859_1));
        assertBadInput("the model records the data set 'nosuch' (barq.dataset), which this barq cannot read. Maybe pass"
                + " --dataset with the data it was trained on?", null, "quantize", "--model", unknown.toString(),
                "--bits", "4", "--out", dir.resolve("o-unknown.safetensors").toString());

        Path both = dir.resolve("both.out");
        assertBadInput("--json and --plots both name " + both + ", so one would replace the other. Maybe another name"
                + " for --plots?", both, "evaluate", "--model", model.toString(), "--rounded", model.toString(),
                "--json", both.toString(), "--plots", both.toString());
        assertBadInput("--json and --view both name " + both, both, "interpolate", "--model", model.toString(), "--low",
                model.toString(), "--high", model.toString(), "--json", both.toString(), "--view", both.toString());
    }

    /** A time limit beyond nanoTime's range overflowed after the first layer (exit 1); it is refused up front. */
    @Test
    void anAbsurdTimeLimitOrCorrectionOptionIsRefusedBeforeAnyLayer() {
        Path out = dir.resolve("o-limit.safetensors");
        Cli r = assertBadInput("time limit PT9999999H must be positive and at most 30 days", out, "quantize",
                "--model", model.toString(), "--bits", "4", "--solver", "nearest", "--time-limit", "PT9999999H",
                "--out", out.toString());
        assertEquals("", r.out(), "refused before the layer table");
        Cli alpha = assertBadInput("correction option alpha=2.0 is not valid", out, "quantize", "--model",
                model.toString(), "--bits", "4", "--solver", "nearest", "--correction", "cat", "--correction-option",
                "alpha=2", "--out", out.toString());
        assertEquals("", alpha.out(), "refused before the layer table");
        Cli pca = assertBadInput("correction cat option pca=11 is not valid: use 0 (no PCA) to 10, the number of"
                + " logits.", out, "quantize", "--model", model.toString(), "--bits", "4", "--solver", "nearest",
                "--correction", "cat", "--correction-option", "pca=11", "--out", out.toString());
        assertEquals("", pca.out(), "refused before the layer table");
        assertBadInput("solver nearest takes no options, so 'start' would change nothing", out, "quantize",
                "--model", model.toString(), "--bits", "4", "--solver", "nearest", "--option", "start=gptq", "--out",
                out.toString());
        assertBadInput("--split-seed 5 differs from the split seed 0 the model was trained with on digits", out,
                "quantize", "--model", model.toString(), "--bits", "4", "--split-seed", "5", "--out", out.toString());
        assertBadInput("ends with relu, which would clip the logits", out, "train", "--arch", "dense(16)-relu-dense(10)"
                + "-relu", "--out", out.toString());
    }

    @Test
    void malformedCheckpoint() throws Exception {
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        Path out = dir.resolve("o1.safetensors");
        assertBadInput("bad.safetensors", out, "quantize", "--model", bad.toString(), "--out", out.toString());
    }

    @Test
    void aSurrogateWeightWithoutASurrogateIsRefusedNotIgnored() {
        Path out = dir.resolve("o-lambda.safetensors");
        assertBadInput("--lambda 3.0 weighs the boundary-gap surrogate, and --objective reconstruction has none. Maybe"
                + " --objective hinge (or gap), or no --lambda?", out, "quantize", "--model", model.toString(), "--bits",
                "4", "--lambda", "3", "--out", out.toString());
        assertBadInput("--objective reconstruction has none", out, "quantize", "--model", model.toString(), "--bits",
                "4", "--preset", "boundary-aware", "--lambda", "3", "--out", out.toString());
        assertBadInput("--band 0.3 picks the samples of the boundary-gap surrogate, and --objective reconstruction has"
                + " none. Maybe --objective hinge (or gap), or no --band?", out, "quantize", "--model", model.toString(),
                "--bits", "4", "--band", "0.3", "--out", out.toString());
        assertBadInput("--gamma 0.7 is the hinge surrogate's, and --objective gap has none. Maybe --objective hinge,"
                + " or no --gamma?", out, "stop", "--model", model.toString(), "--objective", "gap", "--lambda", "1",
                "--gamma", "0.7", "--json", out.toString());
        // the defaults are not the user's choice: a gap objective runs with --band given and --gamma left alone
        // (greedy: pair-search through a surrogate takes two minutes here)
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--bits", "4", "--solver", "greedy",
                "--objective", "gap", "--lambda", "1", "--band", "0.3", "--out", out.toString()).exitCode());
        // stop's rule reads accuracy, flip rate and Jaccard, none of them on the band: its output was the same bytes
        Path json = dir.resolve("stop-band.json");
        assertBadInput("--band 0.3 picks the samples of the boundary-gap surrogate", json, "stop", "--model",
                model.toString(), "--min-bits", "3", "--max-bits", "4", "--band", "0.3", "--json", json.toString());
    }

    @Test
    void aSurrogateWeightForASolverThatIgnoresItIsRefused() throws Exception {
        Path out = dir.resolve("o-ignored.safetensors");
        assertBadInput("solver gptq ignores the boundary-gap surrogate (it does not minimise J), so lambda 1 would"
                + " change nothing. Maybe --solver coordinate-descent --option start=gptq, or --lambda 0?", out,
                "quantize", "--model", model.toString(), "--solver", "gptq", "--objective", "hinge", "--lambda", "1",
                "--out", out.toString());
        assertBadInput("solver nearest ignores the boundary-gap surrogate", null, "stop", "--model", model.toString(),
                "--solver", "nearest", "--objective", "gap", "--lambda", "1");
        Path config = Files.writeString(dir.resolve("ignored.yaml"), "dataset: digits\nmodel: {train: {}}\n"
                + "bits: [4]\nsolvers: [nearest, coordinate-descent]\nobjectives: [{kind: hinge, lambdas: [0, 1]}]\n");
        Path run = dir.resolve("ignored-run");
        assertBadInput("config " + config + ": objectives[0] (hinge): solver nearest ignores the boundary-gap"
                + " surrogate (it does not minimise J), so lambda 1 would change nothing. Maybe solvers: [...] in"
                + " this entry, naming only solvers that minimise J (barq solvers)?", null, "run", config.toString(),
                "--out", run.toString());
        assertFalse(Files.exists(run), "refused before the run folder is made");
    }

    /**
     * A large slice grid failed only when the slice was computed: --grid 10000 inside ND4J (an internal error),
     * 5000 and --slice-grid 100000 out of memory, and a study only after training its model. Too many interpolation
     * steps ran for ever.
     */
    @Test
    void aSliceGridOrInterpolationStepsPastTheirBoundAreRefusedBeforeAnyWork() throws Exception {
        Path q4 = dir.resolve("grid-q4.safetensors");
        Path q3 = dir.resolve("grid-q3.safetensors");
        for (Path q : List.of(q4, q3)) {
            assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--solver", "nearest", "--bits",
                    q == q4 ? "4" : "3", "--out", q.toString()).exitCode());
        }
        Path json = dir.resolve("grid.json");
        Cli r = assertBadInput("--grid 10000 is more than 1000 cells a side (the slice's time grows with the square"
                + " of it). Maybe --grid 200, the default?", json, "evaluate", "--model", model.toString(),
                "--rounded", q4.toString(), "--grid", "10000", "--json", json.toString());
        assertEquals("", r.out());
        assertBadInput("--slice-grid 5000 is more than 1000 cells a side", json, "evaluate", "--model",
                model.toString(), "--rounded", q4.toString(), "--slice-grid=5000", "--json", json.toString());
        assertBadInput("--slice-grid 1 is below 2 cells a side. Maybe --slice-grid 200, the default?", json,
                "evaluate", "--model", model.toString(), "--rounded", q4.toString(), "--slice-grid", "1", "--json",
                json.toString());
        r = assertBadInput("--slice-grid 100000 is more than 1000 cells a side", json, "stop", "--model",
                model.toString(), "--solver", "nearest", "--slice-grid", "100000", "--json", json.toString());
        assertEquals("", r.out(), "refused before any rounding");
        assertBadInput("--grid 100000 is more than 1000 cells a side", json, "interpolate", "--model",
                model.toString(), "--low", q3.toString(), "--high", q4.toString(), "--grid", "100000", "--json",
                json.toString());
        assertBadInput("--steps 100000000 is more than 200 steps, each of which labels the whole slice again. Maybe"
                + " --steps 20, the default?", json, "interpolate", "--model", model.toString(), "--low",
                q3.toString(), "--high", q4.toString(), "--steps", "100000000", "--json", json.toString());
        assertBadInput("--steps 0 is below 1 step. Maybe --steps 20, the default?", json, "interpolate", "--model",
                model.toString(), "--low", q3.toString(), "--high", q4.toString(), "--steps", "0");
        // the interpolation measures no band, so it neither lists nor takes evaluate's --band
        assertFalse(Cli.run("interpolate", "--help").out().contains("--band"));
        assertBadInput("Unknown options: '--band', '0.3'. See 'barq interpolate --help'.", json, "interpolate", "--model", model.toString(), "--low",
                q3.toString(), "--high", q4.toString(), "--band", "0.3", "--json", json.toString());
        // the bounds themselves are taken
        assertEquals(0, Cli.run("interpolate", "--model", model.toString(), "--low", q3.toString(), "--high",
                q4.toString(), "--grid", "1000", "--steps", "2").exitCode());
        Path config = Files.writeString(dir.resolve("big-slice.yaml"), "dataset: digits\nmodel: {train: {}}\n"
                + "bits: [4]\nsolvers: [nearest]\nevaluation: {slice_grid: 100000}\n");
        Path run = dir.resolve("big-slice-run");
        r = assertBadInput("config " + config + ": evaluation.slice_grid = 100000: is more than 1000 cells a side (the"
                + " slice's time grows with the square of it). Maybe 200?", null, "run", config.toString(), "--out", run.toString());
        assertFalse(Files.exists(run), "refused before the run folder is made and the model trained");
    }

    /** --data-dir was dropped without a word for the embedded digits and for csv: data (exit 0). */
    @Test
    void aDataDirThatTheDataSetDoesNotReadIsRefused() throws Exception {
        Path out = dir.resolve("o-data-dir.safetensors");
        String digits = "digits is embedded in barq; --data-dir /nonexist has no effect. Maybe drop it?";
        assertBadInput(digits, out, "quantize", "--model", model.toString(), "--data-dir", "/nonexist", "--out",
                out.toString());
        assertBadInput(digits, out, "train", "--epochs", "1", "--data-dir", "/nonexist", "--out", out.toString());
        assertBadInput(digits, null, "features", "--data-dir", "/nonexist");
        assertBadInput(digits, null, "stop", "--model", model.toString(), "--data-dir", "/nonexist");
        Path q = dir.resolve("q4-data-dir.safetensors");
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--solver", "nearest", "--out",
                q.toString()).exitCode());
        assertBadInput(digits, null, "evaluate", "--model", model.toString(), "--rounded", q.toString(),
                "--data-dir", "/nonexist");
        Path csv = dir.resolve("dd.csv");
        Files.writeString(csv, "1,2,0\n3,4,1\n".repeat(20));
        assertBadInput("csv:" + csv + " names its own file; --data-dir /nonexist has no effect. Maybe drop it?", out,
                "train", "--epochs", "1", "--dataset", "csv:" + csv, "--data-dir", "/nonexist", "--out",
                out.toString());
        assertBadInput("csv:" + csv + " names its own file; --data-dir", out, "quantize", "--model",
                model.toString(), "--calibration", "csv:" + csv, "--data-dir", "/nonexist", "--out", out.toString());
        Path config = Files.writeString(dir.resolve("data-dir.yaml"), "dataset: {spec: digits, data_dir: /nonexist}\n"
                + "model: {train: {}}\nbits: [4]\nsolvers: [nearest]\n");
        Path run = dir.resolve("data-dir-run");
        assertBadInput("dataset.data_dir = /nonexist: digits is embedded in barq, so data_dir has no effect. Maybe"
                + " drop it?", null, "run", config.toString(), "--out", run.toString());
        assertFalse(Files.exists(run));
        // a data set that reads the folder still takes it: mnist is looked for there
        assertBadInput("copy the MNIST IDX files", out, "train", "--dataset", "mnist", "--data-dir", "/nonexist",
                "--out", out.toString());
    }

    @Test
    void noThreads() {
        Path out = dir.resolve("o-threads.safetensors");
        assertBadInput("threads 0 must be at least 1. Maybe 2, or the number of cores?", out, "quantize", "--model",
                model.toString(), "--threads", "0", "--out", out.toString());
    }

    @Test
    void noEpochsOrEmptyBatches() {
        Path out = dir.resolve("o-epochs.safetensors");
        assertBadInput("epochs 0 must be at least 1. Maybe 40, train's default?", out, "train", "--epochs", "0",
                "--out", out.toString());
        assertBadInput("batch size -1 must be at least 1. Maybe 32, train's default?", out, "train", "--batch-size",
                "-1", "--out", out.toString());
    }

    @Test
    void unknownDataset() {
        Path out = dir.resolve("o2.safetensors");
        assertBadInput("cifar", out, "train", "--dataset", "cifar", "--out", out.toString());
    }

    @Test
    void bitsOutOfRange() {
        Path out = dir.resolve("o3.safetensors");
        assertBadInput("bits 9", out, "quantize", "--model", model.toString(), "--bits", "9", "--out", out.toString());
    }

    @Test
    void csvWithANonNumericCell() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "1,2,0\n3,x,1\n");
        Path out = dir.resolve("o4.safetensors");
        assertBadInput("bad.csv", out, "train", "--dataset", "csv:" + csv, "--out", out.toString());
    }

    /** A one-class file trained (loss 0), then quantize failed as an internal error and features printed NaN. */
    @Test
    void csvWithASingleClassIsRefusedWhenRead() throws Exception {
        Path csv = dir.resolve("one-class.csv");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            rows.append(i % 7).append(',').append(i % 3).append(",0\n");
        }
        Files.writeString(csv, rows);
        Path out = dir.resolve("o-one-class.safetensors");
        String expected = csv + " has label 0 on all 40 rows, and barq needs at least 2 classes to tell apart. Maybe"
                + " the label is not the last column, or the file holds only part of the data set?";
        assertBadInput(expected, out, "train", "--dataset", "csv:" + csv, "--out", out.toString());
        assertBadInput(expected, null, "features", "--dataset", "csv:" + csv);
        assertBadInput(expected, out, "quantize", "--model", model.toString(), "--calibration", "csv:" + csv,
                "--out", out.toString());
    }

    @Test
    void csvWithTheWrongColumnCount() throws Exception {
        Path csv = dir.resolve("ragged.csv");
        Files.writeString(csv, "1,2,0\n3,4,5,1\n");
        Path out = dir.resolve("o5.safetensors");
        assertBadInput("ragged.csv", out, "train", "--dataset", "csv:" + csv, "--out", out.toString());
    }

    @Test
    void dataThatDoesNotFitTheModel() throws Exception {
        Path csv = narrowCsv("narrow.csv");
        Path out = dir.resolve("o6.safetensors");
        assertBadInput("2 features", out, "quantize", "--model", model.toString(), "--calibration", "csv:" + csv,
                "--out", out.toString());
    }

    @Test
    void splitOptionsThatAWholeCalibrationSetReplacesAreRefused() {
        Path out = dir.resolve("o-split.safetensors");
        assertBadInput("--dataset digits names the data whose split is used, and --calibration digits replaces that"
                + " split whole. Maybe drop --dataset (or --calibration)?", out, "quantize", "--model",
                model.toString(), "--dataset", "digits", "--calibration", "digits", "--out", out.toString());
        assertBadInput("--split-seed 3 picks the split, and --calibration digits replaces it whole. Maybe drop"
                + " --split-seed (or --calibration)?", out, "quantize", "--model", model.toString(), "--split-seed",
                "3", "--calibration", "digits", "--out", out.toString());
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--solver", "nearest", "--calibration",
                "digits", "--out", out.toString()).exitCode());
    }

    @Test
    void anInputShapeThatDoesNotFitTheDataNamesBothShapes() throws Exception {
        Path csv = dir.resolve("four.csv");
        Files.writeString(csv, "1,2,3,4,0\n5,6,7,8,1\n".repeat(10));
        Path out = dir.resolve("o8.safetensors");
        assertBadInput("has 4 features per sample but --input-shape 1x3x3 holds 9", out, "train", "--dataset",
                "csv:" + csv, "--input-shape", "1,3,3", "--out", out.toString());
        assertBadInput("data set digits is 1x8x8 per sample, not the 1x4x16 that --input-shape gives. Maybe leave"
                + " --input-shape out?", out, "quantize", "--model", model.toString(), "--input-shape", "1,4,16",
                "--out", out.toString());
        assertBadInput("input shape '3,32' is not C,H,W", null, "stop", "--model", model.toString(), "--input-shape",
                "3,32");
    }

    @Test
    void unknownSolverListsTheKnownOnes() {
        Path out = dir.resolve("o7.safetensors");
        assertBadInput("nearest", out, "quantize", "--model", model.toString(), "--solver", "magic",
                "--out", out.toString());
    }

    @Test
    void aBadSolverOptionValueIsRefusedBeforeAnythingIsPrinted() {
        Path out = dir.resolve("o8.safetensors");
        for (String[] option : new String[][] {{"gptq", "act-order=maybe"}, {"pair-search", "kicks=many"},
                {"coordinate-descent", "order=sideways"}, {"adaround", "lr=fast"}}) {
            assertBadInput(option[1].substring(option[1].indexOf('=') + 1), out, "quantize", "--model",
                    model.toString(), "--solver", option[0], "--option", option[1], "--out", out.toString());
            assertEquals("", Cli.run("quantize", "--model", model.toString(), "--solver", option[0], "--option",
                    option[1], "--out", out.toString()).out(), option[1]);
        }
        // a value of the wrong type points at the option's default
        assertBadInput("gptq option act-order=maybe is not valid: use one of true, false. Maybe act-order=false, the"
                + " default?", out, "quantize", "--model", model.toString(), "--solver", "gptq", "--option",
                "act-order=maybe", "--out", out.toString());
        assertBadInput("solver pair-search option kicks=many is not valid: use a whole number or auto. Maybe"
                + " kicks=auto, the default?", out, "quantize", "--model", model.toString(), "--solver", "pair-search",
                "--option", "kicks=many", "--out", out.toString());
        // auto's own stand-in is not a value a user can give
        assertBadInput("pair-search option kicks=-1 must be at least 0. Maybe 1000, or auto?", out, "quantize",
                "--model", model.toString(), "--solver", "pair-search", "--option", "kicks=-1", "--out",
                out.toString());
    }

    /** picocli kept the last value of a repeated key: alpha=0.1 then alpha=0.9 ran with 0.9 without a word. */
    @Test
    void aSolverOrCorrectionOptionKeyGivenTwiceIsRefusedNamingBothValues() {
        Path out = dir.resolve("o-twice.safetensors");
        Cli r = assertBadInput("--correction-option alpha is given twice, as alpha=0.1 and alpha=0.9, and only one"
                + " value can count. Maybe --correction-option alpha=0.9 alone?", out, "quantize", "--model",
                model.toString(), "--solver", "nearest", "--correction", "affine", "--correction-option", "alpha=0.1",
                "--correction-option", "alpha=0.9", "--out", out.toString());
        assertEquals("", r.out());
        r = assertBadInput("--option damp is given twice, as damp=0.1 and damp=0.5, and only one value can count."
                + " Maybe --option damp=0.5 alone?", null, "stop", "--model", model.toString(), "--solver", "gptq",
                "--option", "damp=0.1", "--option", "damp=0.5");
        assertEquals("", r.out(), "refused before any rounding");
        assertBadInput("--option damp is given twice, as damp=0.1 and damp=0.5", out, "quantize", "--model",
                model.toString(), "--solver", "gptq", "--option", "damp=0.1", "--option=damp=0.5", "--out",
                out.toString());
        assertBadInput("--correction-option alpha is given twice", null, "stop", "--model", model.toString(),
                "--solver", "nearest", "--correction", "affine", "--correction-option", "alpha=0.1",
                "--correction-option", "alpha=0.1");
        // distinct keys are taken as before
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--solver", "gptq", "--option", "damp=0.1",
                "--option", "act-order=true", "--out", out.toString()).exitCode());
    }

    @Test
    void aStudyWithABadSolverOptionNamesItsConfigFileAndEntry() throws Exception {
        Path config = Files.writeString(dir.resolve("bad-option.yaml"), "dataset: digits\nmodel: {train: {}}\n"
                + "bits: [4]\nsolvers: [nearest, {name: gptq, options: {act-order: maybe}}]\n");
        Path out = dir.resolve("bad-option-run");
        assertBadInput("config " + config + ": solvers[1] (gptq): solver gptq option act-order=maybe is not valid",
                null, "run", config.toString(), "--out", out.toString());
        assertFalse(Files.exists(out.resolve("results.jsonl")), "refused before any variant");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertBadInput("--frobnicate", null, "train", "--frobnicate", "--out", "x");
    }

    @Test
    void evaluateRefusesAFloatFileAsTheRoundedModel() {
        Path json = dir.resolve("e1.json");
        assertBadInput("not a rounded one", json, "evaluate", "--model", model.toString(), "--rounded",
                model.toString(), "--json", json.toString());
    }

    @Test
    void evaluateRefusesARoundedModelMadeFromAnotherFloatModel() {
        Path other = dir.resolve("other.safetensors");
        assertEquals(0, Cli.run("train", "--epochs", "1", "--seed", "5", "--out", other.toString()).exitCode());
        Path q = dir.resolve("other-q4.safetensors");
        assertEquals(0, Cli.run("quantize", "--model", other.toString(), "--bits", "4", "--out", q.toString())
                .exitCode());
        Path json = dir.resolve("e2.json");
        assertBadInput("was rounded from a file with SHA-256", json, "evaluate", "--model", model.toString(),
                "--rounded", q.toString(), "--json", json.toString());
        assertBadInput("was rounded from a file with SHA-256", null, "interpolate", "--model", model.toString(),
                "--low", q.toString(), "--high", q.toString());
    }

    @Test
    void unknownSplitIsRejectedEvenForACsvDataSet() throws Exception {
        Path csv = dir.resolve("digits-like.csv");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            rows.append("0,".repeat(64)).append(i % 10).append('\n');
        }
        Files.writeString(csv, rows);
        Path q = dir.resolve("q8.safetensors");
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--bits", "8", "--out", q.toString())
                .exitCode());
        assertBadInput("unknown split 'bogus'", null, "evaluate", "--model", model.toString(), "--rounded",
                q.toString(), "--dataset", "csv:" + csv, "--split", "bogus");
    }

    @Test
    void aRoundedCheckpointIsNotTakenAsTheFloatModel() {
        Path q = dir.resolve("q4-from-m.safetensors");
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--bits", "4", "--out", q.toString())
                .exitCode());
        Path again = dir.resolve("q3-from-q4.safetensors");
        assertBadInput("--model " + q + " is a rounded checkpoint (4 bits, solver pair-search)", again, "quantize",
                "--model", q.toString(), "--bits", "3", "--out", again.toString());
        assertBadInput("takes a float model", null, "stop", "--model", q.toString());
        assertBadInput("takes a float model", null, "evaluate", "--model", q.toString(), "--rounded", q.toString());
        assertBadInput("takes a float model", null, "interpolate", "--model", q.toString(), "--low", q.toString(),
                "--high", q.toString());
    }

    /** The reported case: 20 rows, the first with a missing value, used to evaluate as 19 samples with exit 0. */
    @Test
    void evaluateOnACsvWhoseFirstRowHasAMissingValueNamesTheCell() throws Exception {
        Path csv = dir.resolve("first-nan.csv");
        StringBuilder rows = new StringBuilder("nan" + ",0".repeat(63) + ",0\n");
        for (int i = 1; i < 20; i++) {
            rows.append("0,".repeat(64)).append(i % 10).append('\n');
        }
        Files.writeString(csv, rows);
        Path q = dir.resolve("q8-for-nan.safetensors");
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--bits", "8", "--out", q.toString())
                .exitCode());
        Path json = dir.resolve("nan.json");
        assertBadInput("first-nan.csv line 1 column 1: 'nan' is not a finite number", json, "evaluate", "--model",
                model.toString(), "--rounded", q.toString(), "--dataset", "csv:" + csv, "--json", json.toString());
    }
}
