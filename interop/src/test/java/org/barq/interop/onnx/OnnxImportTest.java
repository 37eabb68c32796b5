package org.barq.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import onnx.Onnx;
import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Network;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Networks exported by PyTorch (make_fixtures.py beside the files): barq's logits of the imported network equal
 * PyTorch's on the same raw inputs, and every file barq cannot import faithfully is refused in one line.
 */
class OnnxImportTest {
    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(OnnxImportTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "mlp_div_matmul", "cnn", "normalised_mlp", "normalised_cnn"})
    void importedLogitsEqualPyTorchsOnTheRawInputs(String name) throws IOException {
        OnnxImport.Imported imported = assertLogitsEqualPyTorchs(name);
        assertTrue(imported.inputScaling().isPresent(), "the graph's Sub, Mul or Div is the input scaling");
        assertTrue(imported.producer().startsWith("pytorch"), imported.producer());
    }

    /**
     * Supported networks that torch spells with more nodes: without constant folding (a view's extents as
     * Constant + Unsqueeze, a bias-free Linear as MatMul of a Transpose), nn.Flatten in front of the scaling, a
     * view with -1 for the image's width, a view whose batch size comes from the input, not the tensor viewed, and an
     * eval-mode BatchNorm2d (which torch folds into its Conv) and Dropout at opset 11 without constant folding.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "view_nofold; conv(2,k3)-relu-flatten-dense(3)",
            "nobias_nofold; dense(5)-relu-dense(3)",
            "flatten_first; flatten-dense(5)-relu-dense(3)",
            "view_minus_one; conv(2,k3)-relu-flatten-dense(3)",
            "view_input_size; conv(3,k3)-relu-maxpool(2)-flatten-dense(4)",
            "batchnorm_dropout; conv(3,k3)-relu-flatten-dense(4)"})
    void otherSpellingsOfSupportedLayersImportWithPyTorchsLogits(String name, String spec) throws IOException {
        assertEquals(spec, assertLogitsEqualPyTorchs(name).network().spec());
    }

    private static OnnxImport.Imported assertLogitsEqualPyTorchs(String name) throws IOException {
        OnnxImport.Imported imported = OnnxImport.read(fixture(name + ".onnx"));
        JsonNode expected = new ObjectMapper().readTree(fixture("expected.json").toFile()).get(name);
        Network network = imported.network();
        int n = expected.get("inputs").size();
        int d = network.input().size();
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = network.scaling().apply(expected.get("inputs").get(i).get(j).asDouble(), j);
            }
        }
        double[] logits = Matrices.values(NetworkPass.run(network, Matrices.of(x, n, d)).logits());
        int k = network.classes();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                assertEquals(expected.get("logits").get(i).get(c).asDouble(), logits[i * k + c], 1e-4,
                        name + " sample " + i + " logit " + c);
            }
        }
        return imported;
    }

    @Test
    void theLayersAndShapesAreWhatPyTorchBuilt() {
        OnnxImport.Imported mlp = OnnxImport.read(fixture("mlp.onnx"));
        assertEquals("dense(12)-relu-dense(10)", mlp.network().spec());
        assertEquals(Optional.of(InputScaling.uniform(1.0 / 16)), mlp.inputScaling());
        assertEquals(13, mlp.opset());
        OnnxImport.Imported divided = OnnxImport.read(fixture("mlp_div_matmul.onnx"));
        assertEquals("dense(8)-relu-dense(4)", divided.network().spec());
        assertEquals(1 / 255.0, divided.inputScaling().orElseThrow().scale()[0], 1e-9);
        OnnxImport.Imported cnn = OnnxImport.read(fixture("cnn.onnx"));
        assertEquals(new SampleShape(1, 8, 8), cnn.network().input(), "the reshape at the front makes an image");
        assertEquals("conv(4,k3,p1)-relu-maxpool(2)-conv(6,k2x3,s2,p1)-relu-avgpool(2,s1)-flatten-dense(10)",
                cnn.network().spec());
        assertEquals(17, cnn.opset());
        OnnxImport.Imported normalised = OnnxImport.read(fixture("normalised_cnn.onnx"));
        assertEquals("conv(4,k3,p1)-relu-maxpool(2)-flatten-dense(5)", normalised.network().spec(),
                "x.view(x.size(0), -1) with a dynamic batch is a flatten");
        InputScaling perChannel = normalised.inputScaling().orElseThrow();
        assertEquals(48, perChannel.scale().length, "one value per feature, the channel's");
        assertEquals(1 / 5.0, perChannel.scale()[16], 1e-6, "the second channel starts at feature 16");
        assertEquals(8.0, perChannel.offset()[31], 1e-5);
        assertEquals(4.0, perChannel.offset()[32], 1e-5);
    }

    private static String refusal(Path file) {
        String m = assertThrows(InvalidInputException.class, () -> OnnxImport.read(file)).getMessage();
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void filesBarqCannotImportFaithfullyAreRefusedNamingTheNode() throws IOException {
        String sigmoid = refusal(fixture("unsupported_operator.onnx"));
        assertTrue(sigmoid.contains("(Sigmoid) is not an operator barq imports"), sigmoid);
        String gelu = refusal(fixture("gelu.onnx"));
        assertTrue(gelu.contains("(Erf) (torch's GELU exports as Div, Erf, Add and Mul) is not an operator barq"
                + " imports") && gelu.contains("nn.ReLU"), gelu);
        String two = refusal(fixture("two_inputs.onnx"));
        assertTrue(two.contains("has 2 inputs [x, y]"), two);
        byte[] whole = Files.readAllBytes(fixture("mlp.onnx"));
        Path cut = Files.write(tmp.resolve("truncated.onnx"), java.util.Arrays.copyOf(whole, whole.length / 2));
        String truncated = refusal(cut);
        assertTrue(truncated.contains("truncated.onnx is not a readable ONNX model") && truncated.contains("Maybe"),
                truncated);
        Onnx.ModelProto.Builder external = Onnx.ModelProto.parseFrom(whole).toBuilder();
        Onnx.TensorProto weight = external.getGraph().getInitializer(0);
        external.getGraphBuilder().setInitializer(0, weight.toBuilder().clearRawData().clearFloatData()
                .setDataLocation(Onnx.TensorProto.DataLocation.EXTERNAL).addExternalData(
                        Onnx.StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin")));
        Path beside = Files.write(tmp.resolve("external.onnx"), external.build().toByteArray());
        String outside = refusal(beside);
        assertTrue(outside.contains("tensor '" + weight.getName() + "' keeps its values in a file beside the model")
                && outside.contains("save_as_external_data=False"), outside);
        Path empty = Files.write(tmp.resolve("empty.onnx"), new byte[0]);
        assertTrue(refusal(empty).contains("holds no ONNX graph"), refusal(empty));
        assertTrue(refusal(tmp.resolve("missing.onnx")).contains("does not exist"));
    }

    /** A damaged reshape target with extents past the input's size is refused in one line, not an overflow. */
    @ParameterizedTest
    @ValueSource(longs = {1L << 32, 1L << 20})
    void aReshapeTargetLargerThanTheInputIsRefused(long extent) throws IOException {
        Onnx.ModelProto.Builder model = Onnx.ModelProto.parseFrom(Files.readAllBytes(fixture("cnn.onnx"))).toBuilder();
        Onnx.GraphProto.Builder graph = model.getGraphBuilder();
        Onnx.NodeProto.Builder target = graph.getNodeBuilder(2);
        assertEquals("/1/Constant_output_0", target.getOutput(0), "the Constant before the image reshape");
        target.getAttributeBuilder(0).setT(OnnxTensors.longTensor("t", new long[] {1, extent, extent, -1}));
        Path file = Files.write(tmp.resolve("large.onnx"), model.build().toByteArray());
        assertTrue(refusal(file).contains("(Reshape) reshapes 64 inputs to [1, " + extent + ", " + extent + ", -1],"
                + " which holds more values than the input. Maybe"), refusal(file));
    }

    /** A refusal names what the graph does and what to do, not a hint that fits another case. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "concat_values; node '/1/Concat' (Concat) reads '/0/Gemm_output_0', which is not a shape the graph"
                    + " computed; barq reads Shape, Gather, Unsqueeze and Concat only as a reshape's target. Maybe"
                    + " the graph computes on values, which barq does not import?",
            "square; node '/1/Mul' (Mul) combines two computed tensors ('/0/Gemm_output_0', '/0/Gemm_output_0');"
                    + " barq reads Mul only with a constant. Maybe the graph squares, gates or adds branches, which"
                    + " barq does not import?",
            "softmax; Maybe export the logits, without the final softmax (its arg-max is the logits')?",
            "batchnorm; node '/1/BatchNormalization' (BatchNormalization) is not an operator barq imports",
            "batchnorm; Maybe fold the batch norm into the layer before it",
            "lstm; node '/lstm/LSTM' (LSTM) is not an operator barq imports",
            "lstm; Maybe replace the recurrent layer: barq imports feed-forward networks (dense, conv, pool)?"})
    void refusalsNameTheirCauseAndFittingHint(String name, String part) {
        String m = refusal(fixture(name + ".onnx"));
        assertTrue(m.contains(part), m);
    }
}
