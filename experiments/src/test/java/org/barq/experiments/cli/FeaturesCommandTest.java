package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code barq features} on digits, kept small: the table's rows and settings, byte-identical JSON for one seed, the
 * plots, a hidden layer of a trained model, and bad input refused in one line with exit 2.
 */
class FeaturesCommandTest {
    private static final String[] SMALL = {"--c", "0.5", "--bits", "2", "--epochs", "5", "--batch-size", "32",
        "--train-max", "300", "--test-max", "100"};

    @TempDir
    Path dir;

    private Cli features(String... extra) {
        String[] args = new String[1 + SMALL.length + extra.length];
        args[0] = "features";
        System.arraycopy(SMALL, 0, args, 1, SMALL.length);
        System.arraycopy(extra, 0, args, 1 + SMALL.length, extra.length);
        return Cli.run(args);
    }

    @Test
    void theInputsTableIsDeterministicAndBeatsChance() throws IOException {
        Path first = dir.resolve("a.json");
        Cli run = features("--json", first.toString(), "--plots", dir.resolve("plots").toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(first.toFile());
        assertEquals("inputs", json.get("representation").asText());
        assertEquals(300, json.get("train_samples").asInt());
        assertEquals(100, json.get("test_samples").asInt());
        // float, binary, ternary, uniform at 2 bits
        assertEquals(4, json.get("rows").size());
        JsonNode floatRow = json.get("rows").get(0);
        assertEquals("float", floatRow.get("quantizer").asText());
        assertEquals(0.0, floatRow.get("error").asDouble());
        for (JsonNode row : json.get("rows")) {
            for (String k : new String[] {"accuracy_knn1", "accuracy_knn5", "accuracy_linear", "accuracy_mlp"}) {
                assertTrue(row.get(k).asDouble() > 0.3, row.toString());
            }
            assertTrue(row.get("fisher_ratio").asDouble() > 0 && row.get("distance_ratio").asDouble() > 1,
                    row.toString());
        }
        assertTrue(json.get("error_definition").asText().contains("own scale"));
        Path second = dir.resolve("b.json");
        assertEquals(0, features("--json", second.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "same seed, same bytes");
        for (String plot : new String[] {"accuracy-vs-error-knn1", "accuracy-vs-error-mlp", "fisher-ratio-vs-c",
            "distance-ratio-vs-c"}) {
            String svg = Files.readString(dir.resolve("plots").resolve(plot + ".svg"));
            assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("<circle"), plot);
        }
    }

    @Test
    void aHiddenLayerOfATrainedModel() throws IOException {
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, Cli.run("train", "--hidden", "16,8", "--epochs", "3", "--out", model.toString()).exitCode());
        Path out = dir.resolve("h.json");
        Cli run = features("--model", model.toString(), "--json", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals("hidden_2", json.get("representation").asText());
        assertEquals(8, json.get("width").asInt());
        assertTrue(run.out().startsWith("hidden_2 of digits: 8 features"), run.out());
        Cli bad = features("--model", model.toString(), "--layer", "3");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("hidden layer 3 is not one of the model's 2") && bad.err().contains("Maybe"),
                bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        Cli zero = features("--model", model.toString(), "--layer", "0");
        assertEquals(2, zero.exitCode(), "layers count from 1; 0 analysed the inputs: " + zero.out());
        assertTrue(zero.err().contains("--layer 0 is not a hidden layer: they count from 1 (1..2 here)"), zero.err());
        Path coded = dir.resolve("bits.safetensors");
        assertEquals(0, Cli.run("train", "--hidden", "8", "--epochs", "1", "--input-bits", "2", "--out",
                coded.toString()).exitCode());
        Cli behind = features("--model", coded.toString());
        assertEquals(2, behind.exitCode());
        assertTrue(behind.err().contains("was trained behind an input quantizer (train --input-bits)"), behind.err());
    }

    @Test
    void badSweepsAreRefusedWithExitTwo() {
        Cli bits = features("--bits", "0");
        assertEquals(2, bits.exitCode());
        assertTrue(bits.err().contains("bits per feature 0 is outside 1..8. Maybe"), bits.err());
        Cli c = features("--c", "0.5");
        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("without repeats"), c.err());
        for (String[] option : new String[][] {{"--epochs", "0", "classifier epochs 0 must be at least 1. Maybe 20"},
            {"--batch-size", "0", "classifier batch size 0 must be at least 1. Maybe 64"},
            {"--mlp-hidden", "0", "MLP classifier hidden width 0 must be at least 1. Maybe 64"}}) {
            Cli refused = Cli.run("features", option[0], option[1]);
            assertEquals(2, refused.exitCode());
            assertTrue(refused.err().contains(option[2]), refused.err());
        }
        Cli layer = features("--layer", "1");
        assertEquals(2, layer.exitCode());
        assertEquals("barq: error: --layer 1 picks a hidden layer of --model, and no --model is given: the inputs are"
                + " quantized. Maybe add --model FILE, or no --layer?", layer.err().strip());
    }
}
