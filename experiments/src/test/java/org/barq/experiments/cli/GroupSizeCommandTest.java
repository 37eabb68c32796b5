package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.LayerGrid;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Mlp;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.problem.RoundingSpace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --group-size G} on a small digits model [64, 32, 10]: written, read back, evaluated, refused when bad. */
class GroupSizeCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("digits-32.safetensors");
        Cli r = Cli.run("train", "--dataset", "digits", "--hidden", "32", "--epochs", "5", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    private static Cli quantize(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("quantize", "--model", model.toString(), "--bits", "4",
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void groupSizeEightWritesAGroupWiseFileThatEvaluateReads() throws Exception {
        Path out = dir.resolve("g8.safetensors");
        Cli q = quantize(out, "--group-size", "8", "--solver", "coordinate-descent");
        assertEquals(0, q.exitCode(), q.err());
        assertTrue(q.out().contains("to 4 bits, a scale per group of 8 inputs with coordinate-descent"), q.out());
        LoadedCheckpoint read = Checkpoints.read(out);
        assertEquals("8", read.metadata().get(Checkpoints.GROUP_SIZE));
        List<QuantizedLayer> layers = read.rounded().orElseThrow().quantized();
        assertEquals(8, layers.get(0).groups(), "64 inputs in groups of 8");
        assertEquals(4, layers.get(1).groups(), "32 inputs in groups of 8");
        var tensors = org.barq.api.checkpoint.Safetensors.read(out).tensors();
        assertArrayEquals(new long[] {32, 8}, tensors.get("layers.0.weight.scale").shape());
        assertArrayEquals(new long[] {10, 4}, tensors.get("layers.1.weight.scale").shape());

        Path json = dir.resolve("g8.json");
        Cli e = Cli.run("evaluate", "--model", model.toString(), "--rounded", out.toString(), "--split", "test",
                "--slice-grid", "24", "--json", json.toString());
        assertEquals(0, e.exitCode(), e.err());
        var report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.get("accuracy_rounded").asDouble() > 0.5, report.toString());
    }

    @Test
    void aGroupSizeThatDoesNotDivideALayerIsRefusedInOneLine() {
        Path out = dir.resolve("g5.safetensors");
        Cli r = quantize(out, "--group-size", "5");
        assertEquals(2, r.exitCode(), r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(List.of("barq: error: group size 5 does not divide the width 64 of layer 0 (dense(32), weight matrix [32, 64])."
                + " Maybe 4 or 8, or 0 for one scale per row?"), lines);
        assertFalse(Files.exists(out));
        assertTrue(r.out().isEmpty() || !r.out().contains("rounding"), "refused before any rounding: " + r.out());

        Cli wide = quantize(out, "--group-size", "64");
        assertEquals(2, wide.exitCode(), wide.err());
        assertTrue(wide.err().contains("group size 64 does not divide the width 32 of layer 1 (dense(10)"),
                wide.err());
        assertTrue(wide.err().contains("Maybe 32, or 0 for one scale per row?"), wide.err());

        Cli negative = quantize(out, "--group-size", "-1");
        assertEquals(2, negative.exitCode(), negative.err());
        assertTrue(negative.err().startsWith("barq: error: group size -1 is negative. Maybe 0"), negative.err());

        Cli stop = Cli.run("stop", "--model", model.toString(), "--group-size", "5");
        assertEquals(2, stop.exitCode(), stop.err());
        assertTrue(stop.err().contains("group size 5 does not divide the width 64 of layer 0"), stop.err());
    }

    @Test
    void groupSizeZeroIsTheDefaultAndAsWideAsALayerIsOnePerRow() throws Exception {
        Path plain = dir.resolve("plain.safetensors");
        Path zero = dir.resolve("zero.safetensors");
        assertEquals(0, quantize(plain).exitCode());
        assertEquals(0, quantize(zero, "--group-size", "0").exitCode());
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(zero));
        assertFalse(Checkpoints.read(plain).metadata().containsKey(Checkpoints.GROUP_SIZE));

        Path g32 = dir.resolve("g32.safetensors");
        assertEquals(0, quantize(g32, "--group-size", "32").exitCode());
        List<QuantizedLayer> layers = Checkpoints.read(g32).rounded().orElseThrow().quantized();
        assertEquals(2, layers.get(0).groups());
        assertEquals(1, layers.get(1).groups());
        assertArrayEquals(Checkpoints.read(plain).rounded().orElseThrow().quantized().get(1).scales(),
                layers.get(1).scales(), "a layer as wide as the group has its per-row scales");
    }

    @Test
    void helpDocumentsTheGroupSize() {
        for (String command : List.of("quantize", "stop")) {
            Cli help = Cli.run(command, "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.out().contains("--group-size=G"), help.out());
            assertTrue(help.out().contains("0 is one scale"), help.out());
        }
    }

    @Test
    void stopRoundsGroupWiseAtEveryWidth() throws Exception {
        Path json = dir.resolve("stop.json");
        Cli r = Cli.run("stop", "--model", model.toString(), "--group-size", "16", "--min-bits", "7", "--max-bits",
                "8", "--slice-grid", "16", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, new ObjectMapper().readTree(json.toFile()).get("candidates").size());
    }

    /**
     * Smaller groups follow the weights' local range: under round-to-nearest, groups of 8 or 16 reconstruct the
     * trained digits weights better than one scale per row, layer by layer, at 3 and 4 bits for both scale methods.
     */
    @Test
    void groupsOfEightOrSixteenReconstructTheWeightsBetterThanRows() {
        Mlp mlp = Checkpoints.read(model).model();
        for (ScaleMethod method : ScaleMethod.values()) {
            for (int bits : new int[] {3, 4}) {
                for (int l = 0; l < mlp.depth(); l++) {
                    DenseLayer layer = mlp.layer(l);
                    double rows = nearestError(layer, new GridSpec(bits, method));
                    double g16 = nearestError(layer, new GridSpec(bits, method, 16));
                    double g8 = nearestError(layer, new GridSpec(bits, method, 8));
                    String where = method.id() + " " + bits + " bits layer " + l;
                    assertTrue(g16 < rows, where + ": G=16 " + g16 + " vs per row " + rows);
                    assertTrue(g8 < g16, where + ": G=8 " + g8 + " vs G=16 " + g16);
                }
            }
        }
    }

    /** {@code ||W - W^||^2} under round-to-nearest. */
    private static double nearestError(DenseLayer layer, GridSpec spec) {
        RoundingSpace space = RoundingSpace.of(layer, LayerGrid.fit(layer, spec));
        float[] rounded = space.dequantized(space.nearest());
        double error = 0;
        for (int i = 0; i < rounded.length; i++) {
            double d = layer.weight(i / layer.in(), i % layer.in()) - rounded[i];
            error += d * d;
        }
        return error;
    }
}
