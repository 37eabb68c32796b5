package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code barq evaluate} against an independent numpy implementation of FORMULATION §5 ({@code geometry_oracle.py},
 * beside this test's resources): on a 3-bit digits MLP and a 3-bit digits CNN, evaluated on the whole data set, every
 * count must be equal and every other metric equal to 1e-9 relative.
 */
class GeometryOracleTest {
    private static final double RELATIVE = 1e-9;

    @TempDir
    Path dir;

    @Test
    void everyMetricAgreesWithTheNumpyOracle() throws IOException {
        agreesWithTheOracle("--hidden", "64");
    }

    /** A CNN: input gradients through conv, max and average pooling; the slice through the conv passes. */
    @Test
    void everyMetricOfACnnAgreesWithTheNumpyOracle() throws IOException {
        agreesWithTheOracle("--arch", "conv(4,k3,p1)-relu-maxpool(2)-conv(6,k3,s1,p1)-relu-avgpool(2)-flatten-dense(10)");
    }

    private void agreesWithTheOracle(String option, String layers) throws IOException {
        assumeTrue(Python.hasNumpy(), "python3 with numpy is installed");
        Path oracle = copy("/org/barq/evaluation/geometry_oracle.py", "geometry_oracle.py");
        Path csv = copy("/org/barq/experiments/data/digits.csv.gz", "digits.csv.gz");
        Path floatModel = dir.resolve("f.safetensors");
        Path rounded = dir.resolve("q3.safetensors");
        assertEquals(0, Cli.run("train", option, layers, "--epochs", "8", "--seed", "2", "--out",
                floatModel.toString()).exitCode());
        assertEquals(0, Cli.run("quantize", "--model", floatModel.toString(), "--bits", "3", "--out",
                rounded.toString()).exitCode());
        Path json = dir.resolve("barq.json");
        Cli e = Cli.run("evaluate", "--model", floatModel.toString(), "--rounded", rounded.toString(), "--dataset",
                "csv:" + csv, "--json", json.toString());
        assertEquals(0, e.exitCode(), e.err());

        Python run = Python.run(oracle.toString(), floatModel.toString(), rounded.toString(), csv.toString());
        assertEquals(0, run.exitCode(), run.output());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode expected = mapper.readTree(run.output());
        JsonNode actual = mapper.readTree(json.toFile());
        assertTrue(expected.size() >= 17, "the oracle computes every key: " + expected);
        assertTrue(actual.get("flip_rate").asDouble() > 0,
                "3 bits changes some labels, so the metrics are not trivial");
        compare("", expected, actual);
    }

    private static void compare(String path, JsonNode expected, JsonNode actual) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = path + field.getKey();
            JsonNode want = field.getValue();
            JsonNode got = actual.get(field.getKey());
            assertTrue(got != null && !got.isNull(), key + " is missing from barq's JSON");
            if (want.isObject()) {
                compare(key + ".", want, got);
            } else if (want.isIntegralNumber()) {
                assertEquals(want.asLong(), got.asLong(), key);
            } else {
                double w = want.asDouble();
                assertEquals(w, got.asDouble(), RELATIVE * Math.max(Math.abs(w), 1e-12), key);
            }
        }
    }

    private Path copy(String resource, String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = GeometryOracleTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " is on the test classpath");
            Files.copy(in, target);
        }
        return target;
    }
}
