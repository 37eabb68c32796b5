package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.model.QuantizedLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quantize --preset boundary-aware} on a small digits model: the output pass and its recorded choices. */
class BoundaryPresetCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("digits-32-16.safetensors");
        Cli r = Cli.run("train", "--dataset", "digits", "--hidden", "32,16", "--epochs", "5", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    private static Cli quantize(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("quantize", "--model", model.toString(), "--bits", "3",
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void thePresetRoundsWithGptqThenRunsTheCrossValidatedPassAndRecordsEveryChoice() throws Exception {
        Path out = dir.resolve("boundary.safetensors");
        Cli q = quantize(out, "--preset", "boundary-aware");
        assertEquals(0, q.exitCode(), q.err());
        assertTrue(q.out().contains("with gptq"), q.out());
        assertTrue(q.out().contains("output pass: lambda by 3-fold cross-validation inside the calibration set: the"
                + " lowest held-out pair-gap error among the lambdas whose R stays within 1.1x that of lambda 0"),
                q.out());
        assertTrue(q.out().contains("<- chosen"), q.out());
        assertTrue(q.out().contains("matching logits"), q.out());
        // digits' split of 270 is below the model's cap of 1280: a larger cap would give no more
        assertTrue(q.out().contains("note: the output pass fits 270 calibration samples;") && q.out().contains("The"
                + " data set gives no more. Maybe pass --calibration with more samples of the same kind?"), q.out());
        Cli file = quantize(dir.resolve("file.safetensors"), "--preset", "boundary-aware", "--pass-lambda", "1",
                "--calibration", "digits");
        assertTrue(file.out().contains("note: the output pass fits 1797 calibration samples;") && file.out().contains(
                "Maybe pass --calibration with more samples of the same kind?"), file.out());
        LoadedCheckpoint read = Checkpoints.read(out);
        assertEquals("boundary-aware", read.metadata().get("barq.preset"));
        assertEquals("gptq", read.metadata().get(Checkpoints.SOLVER));
        JsonNode pass = new ObjectMapper().readTree(read.metadata().get("barq.output_pass"));
        assertEquals(5, pass.get("cross_validation").size());
        double chosen = pass.get("lambda").asDouble();
        assertEquals(1.1, pass.get("r_limit").asDouble());
        assertEquals("logits", pass.get("matching").asText());
        double lowest = Double.MAX_VALUE;
        int overLimit = 0;
        // the logits alone matched: the limit bounds R over the same pass at lambda 0
        for (JsonNode score : pass.get("cross_validation")) {
            boolean within = score.get("r_ratio_lambda0").asDouble() <= 1.1;
            assertEquals(within, score.get("within_r_limit").asBoolean(), score.toString());
            if (within) {
                lowest = Math.min(lowest, score.get("held_out_gap_ratio").asDouble());
            } else {
                overLimit++;
                String row = "  lambda " + score.get("lambda").asDouble() + " ";
                assertTrue(q.out().lines().anyMatch(l -> l.startsWith(row) && l.endsWith("(R over the limit)")),
                        "a lambda over the R limit is marked on its row: " + q.out());
            }
        }
        assertTrue(overLimit > 0, "this model puts a lambda over the limit, so its mark is checked: " + q.out());
        boolean chosenIsNearLowest = false;
        for (JsonNode score : pass.get("cross_validation")) {
            if (score.get("lambda").asDouble() == chosen) {
                chosenIsNearLowest = score.get("held_out_gap_ratio").asDouble() <= 1.02 * lowest
                        && score.get("r_ratio_lambda0").asDouble() <= 1.1;
            }
        }
        assertTrue(chosenIsNearLowest, pass.toString());
        for (JsonNode score : pass.get("cross_validation")) {
            if (score.get("lambda").asDouble() == chosen) {
                double expected = Math.sqrt(score.get("held_out_gap_ratio").asDouble());
                assertEquals(expected, pass.get("expected_flip_ratio").asDouble(), 0.0);
                assertTrue(q.out().contains(String.format(java.util.Locale.ROOT, "  expected on unseen data: about"
                        + " %.2fx the start's band pair-order flips", expected)), q.out());
            }
        }
        assertTrue(pass.get("g_after").asDouble() < pass.get("g_before").asDouble() || chosen == 0, pass.toString());

        Path plain = dir.resolve("gptq.safetensors");
        Cli g = quantize(plain, "--solver", "gptq");
        assertEquals(0, g.exitCode(), g.err());
        assertFalse(g.out().contains("note:"), "no output pass, no note on its data: " + g.out());
        LoadedCheckpoint gptq = Checkpoints.read(plain);
        assertArrayEquals(gptq.rounded().orElseThrow().quantized().get(0).codes(),
                read.rounded().orElseThrow().quantized().get(0).codes(), "the pass leaves the first layer alone");
        assertNotEquals(java.util.Arrays.toString(gptq.rounded().orElseThrow().quantized().get(1).codes()),
                java.util.Arrays.toString(read.rounded().orElseThrow().quantized().get(1).codes()));
        assertFalse(gptq.metadata().containsKey("barq.output_pass"));

        Path again = dir.resolve("boundary-again.safetensors");
        assertEquals(0, quantize(again, "--preset", "boundary-aware").exitCode());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again), "same seed, same bytes");
        // the cross-validation's candidates run --threads at a time (2 by default) and sum in the same order
        for (String threads : new String[] {"1", "3"}) {
            Path other = dir.resolve("boundary-threads-" + threads + ".safetensors");
            assertEquals(0, quantize(other, "--preset", "boundary-aware", "--threads", threads).exitCode());
            assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(other), "threads " + threads);
        }
    }

    @Test
    void oneGivenPassLambdaSkipsTheCrossValidationAndGivesThePresetsCodesForTheLambdaItChose() throws Exception {
        Path chosen = dir.resolve("boundary-cv.safetensors");
        assertEquals(0, quantize(chosen, "--preset", "boundary-aware").exitCode());
        JsonNode cv = new ObjectMapper().readTree(Checkpoints.read(chosen).metadata().get("barq.output_pass"));
        String lambda = cv.get("lambda").asText();

        Path fixed = dir.resolve("boundary-fixed.safetensors");
        Cli q = quantize(fixed, "--preset", "boundary-aware", "--pass-lambda", lambda);
        assertEquals(0, q.exitCode(), q.err());
        assertFalse(q.out().contains("cross-validation"), q.out());
        assertTrue(q.out().contains("output pass, lambda " + lambda + ","), q.out());
        LoadedCheckpoint read = Checkpoints.read(fixed);
        JsonNode pass = new ObjectMapper().readTree(read.metadata().get("barq.output_pass"));
        assertFalse(pass.has("cross_validation"), pass.toString());
        assertEquals("[" + lambda + "]", pass.get("lambdas").toString());
        // the final pass's seed does not depend on the cross-validation, so its codes are the preset's
        List<QuantizedLayer> cvCodes = Checkpoints.read(chosen).rounded().orElseThrow().quantized();
        List<QuantizedLayer> fixedCodes = read.rounded().orElseThrow().quantized();
        for (int layer = 0; layer < cvCodes.size(); layer++) {
            assertArrayEquals(cvCodes.get(layer).codes(), fixedCodes.get(layer).codes(), "layer " + layer);
        }

        Path few = dir.resolve("boundary-few.safetensors");
        Cli two = quantize(few, "--preset", "boundary-aware", "--pass-lambda", "0,30");
        assertEquals(0, two.exitCode(), two.err());
        JsonNode twoPass = new ObjectMapper().readTree(Checkpoints.read(few).metadata().get("barq.output_pass"));
        assertEquals(2, twoPass.get("cross_validation").size(), twoPass.toString());
        assertTrue(two.out().contains("  lambda 30.0 "), two.out());
    }

    @Test
    void aPassLambdaWithoutThePresetOrRepeatedIsRefusedInOneLine() {
        Path out = dir.resolve("pass-lambda.safetensors");
        Cli q = quantize(out, "--pass-lambda", "3");
        assertEquals(2, q.exitCode());
        assertEquals("barq: error: --pass-lambda [3.0] weighs the output pass's pair-gap error, and no pass runs"
                + " without --preset boundary-aware. Maybe add --preset boundary-aware, or --lambda for each layer's"
                + " surrogate?", q.err().strip());
        Cli twice = quantize(out, "--preset", "boundary-aware", "--pass-lambda", "1,3,1");
        assertEquals(2, twice.exitCode());
        assertEquals("barq: error: output pass lambdas [1.0, 3.0, 1.0] repeat a value, which would run its passes"
                + " twice. Maybe [0, 0.3, 1, 3, 10]?", twice.err().strip());
        Cli negative = quantize(out, "--preset", "boundary-aware", "--pass-lambda", "-1");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains("output pass lambda -1.0 must be finite and at least 0"), negative.err());
        Cli layerLambda = quantize(out, "--preset", "boundary-aware", "--lambda", "3");
        assertEquals(2, layerLambda.exitCode());
        assertTrue(layerLambda.err().contains("Maybe --pass-lambda 3.0 for the output pass's, --objective hinge"),
                layerLambda.err());
        // the preset picked gptq, which the user did not name: the refusal says so
        Cli kicks = quantize(out, "--preset", "boundary-aware", "--option", "kicks=0");
        assertEquals(2, kicks.exitCode());
        assertEquals("barq: error: --preset boundary-aware rounds with gptq unless --solver is given: solver gptq has"
                + " no option 'kicks'. Maybe one of: act-order, damp?", kicks.err().strip());
        Cli hinge = quantize(out, "--preset", "boundary-aware", "--objective", "hinge", "--lambda", "1");
        assertEquals(2, hinge.exitCode());
        assertTrue(hinge.err().startsWith("barq: error: --preset boundary-aware rounds with gptq unless --solver is"
                + " given: solver gptq ignores the boundary-gap surrogate"), hinge.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aConvolutionalNetworkEndingDenseReluDenseGetsThePassOnItsDenseEndOnly() throws Exception {
        Path cnn = dir.resolve("cnn-dense-end.safetensors");
        Cli t = Cli.run("train", "--dataset", "digits", "--arch", "conv(4,k3)-relu-flatten-dense(16)-relu-dense(10)",
                "--epochs", "2", "--out", cnn.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path boundary = dir.resolve("cnn-dense-end-boundary.safetensors");
        Cli q = Cli.run("quantize", "--model", cnn.toString(), "--bits", "3", "--preset", "boundary-aware", "--out",
                boundary.toString());
        assertEquals(0, q.exitCode(), q.err());
        assertTrue(q.out().contains("<- chosen"), q.out());
        Path plain = dir.resolve("cnn-dense-end-gptq.safetensors");
        Cli g = Cli.run("quantize", "--model", cnn.toString(), "--bits", "3", "--solver", "gptq", "--out",
                plain.toString());
        assertEquals(0, g.exitCode(), g.err());
        List<QuantizedLayer> pass = Checkpoints.read(boundary).rounded().orElseThrow().quantized();
        List<QuantizedLayer> gptq = Checkpoints.read(plain).rounded().orElseThrow().quantized();
        assertEquals(3, pass.size());
        assertArrayEquals(gptq.get(0).codes(), pass.get(0).codes(), "the convolution keeps GPTQ's rounding");
        assertFalse(java.util.Arrays.equals(gptq.get(1).codes(), pass.get(1).codes())
                && java.util.Arrays.equals(gptq.get(2).codes(), pass.get(2).codes()), "the dense end is searched");
    }

    @Test
    void aNetworkWhoseLastTwoWeightLayersAreNotDenseIsRefusedBeforeRounding() {
        Path cnn = dir.resolve("cnn.safetensors");
        Cli t = Cli.run("train", "--dataset", "digits", "--arch", "conv(4,k3)-relu-flatten-dense(10)", "--epochs", "1",
                "--out", cnn.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path out = dir.resolve("cnn-q.safetensors");
        Cli q = Cli.run("quantize", "--model", cnn.toString(), "--bits", "4", "--preset", "boundary-aware", "--out",
                out.toString());
        assertEquals(2, q.exitCode());
        assertEquals("barq: error: the output pass needs its last two weight layers to be dense with one ReLU between"
                + " them, not conv(4,k3), relu, flatten, dense(10). Maybe drop --preset boundary-aware (or a study's"
                + " output_pass) for this network?", q.err().strip());
        assertFalse(q.out().contains("layer shape"), "refused before any layer is rounded");
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnknownPresetIsRefusedInOneLine() {
        Cli q = quantize(dir.resolve("x.safetensors"), "--preset", "boundary");
        assertEquals(2, q.exitCode());
        assertEquals("barq: error: unknown preset 'boundary'. Maybe --preset boundary-aware?", q.err().strip());
        assertFalse(Files.exists(dir.resolve("x.safetensors")));
    }
}
