package org.barq.objectives.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.barq.api.data.SampleShape;
import org.barq.api.model.AvgPool2d;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Layer;
import org.barq.api.model.MaxPool2d;
import org.barq.api.model.Network;
import org.barq.api.model.Relu;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The passes against PyTorch's answer in float64 (golden.json, written by make_golden.py beside it): the logits and
 * the input gradient of {@code sum(G * logits)}. The finite-difference tests show that backward is the derivative of
 * forward; this shows that forward is PyTorch's layer, ties of max pooling and {@code ReLU'(0)} included, which a
 * consistent pair of passes could otherwise get wrong together.
 */
class NetworkPassGoldenTest {
    /** Float64 on both sides; only the order of summation differs. */
    private static final double TOLERANCE = 1e-12;

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = NetworkPassGoldenTest.class.getResourceAsStream("golden.json")) {
            return new ObjectMapper().readTree(in).get("cases").get(name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cnn", "ties"})
    void logitsAndInputGradientAreTorchs(String name) throws IOException {
        JsonNode golden = golden(name);
        JsonNode shape = golden.get("input_shape");
        SampleShape input = new SampleShape(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt());
        List<Layer> layers = new ArrayList<>();
        golden.get("layers").forEach(spec -> layers.add(layer(spec)));
        Network network = new Network(layers, input, InputScaling.uniform(1));
        int n = golden.get("inputs").size();
        NetworkPass pass = NetworkPass.run(network, Matrices.of(rows(golden.get("inputs")), n, input.size()));
        double[] gradient = Matrices.values(pass.backward(
                Matrices.of(rows(golden.get("g")), n, network.classes())));
        assertClose(name + " logits", rows(golden.get("logits")), Matrices.values(pass.logits()));
        assertClose(name + " input gradient", rows(golden.get("input_gradient")), gradient);
    }

    private static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertTrue(scale > 0, what + " is not all zero");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * scale, what + " at " + i);
        }
    }

    private static Layer layer(JsonNode spec) {
        return switch (spec.get("type").asText()) {
            case "conv" -> Conv2d.of(spec.get("out").asInt(), spec.get("in").asInt(), spec.get("kh").asInt(),
                    spec.get("kw").asInt(), spec.get("stride").asInt(), spec.get("padding").asInt(),
                    floats(spec.get("weight")), floats(spec.get("bias")));
            case "dense" -> new DenseLayer(spec.get("out").asInt(), spec.get("in").asInt(), floats(spec.get("weight")),
                    floats(spec.get("bias")));
            case "relu" -> new Relu();
            case "maxpool" -> new MaxPool2d(spec.get("kernel").asInt(), spec.get("stride").asInt());
            case "avgpool" -> new AvgPool2d(spec.get("kernel").asInt(), spec.get("stride").asInt());
            case "flatten" -> new Flatten();
            default -> throw new IllegalArgumentException("golden.json has a layer of type " + spec.get("type"));
        };
    }

    /** The script wrote F32 weights widened to double, so the narrowing here is exact. */
    private static float[] floats(JsonNode values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            double v = values.get(i).asDouble();
            f[i] = (float) v;
            assertEquals(v, f[i], 0.0, "weight " + i + " is an F32 value");
        }
        return f;
    }

    private static double[] rows(JsonNode matrix) {
        int columns = matrix.get(0).size();
        double[] values = new double[matrix.size() * columns];
        for (int r = 0; r < matrix.size(); r++) {
            assertEquals(columns, matrix.get(r).size());
            for (int c = 0; c < columns; c++) {
                values[r * columns + c] = matrix.get(r).get(c).asDouble();
            }
        }
        return values;
    }
}
