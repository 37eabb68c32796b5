package org.barq.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import onnx.Onnx;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.SampleShape;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.Architecture;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exported models run in ONNX Runtime: their logits on raw inputs equal barq's forward pass of the same model, for
 * float and rounded MLPs and CNNs, INT8 and INT4 codes; the file holds the codes, not float weights.
 */
class OnnxExportTest {
    static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();

    @TempDir
    Path tmp;

    /** A network of random weights on 1x8x8 inputs (raw values 0..16, scale 1/16), or a tabular one with offsets. */
    static Network network(String arch, long seed) {
        SampleShape shape = arch.startsWith("conv") ? new SampleShape(1, 8, 8) : SampleShape.flat(64);
        Network layout = Architecture.parse(arch, shape, 10, InputScaling.uniform(1.0 / 16));
        Random random = new Random(seed);
        Network network = layout;
        for (int i : layout.weightLayers()) {
            float[] w = Network.matrixOf(layout.layer(i)).weights();
            for (int j = 0; j < w.length; j++) {
                w[j] = (float) (random.nextGaussian() * 0.3);
            }
            network = network.withWeights(i, w);
        }
        return network;
    }

    /** Rounds every weight layer to the nearest point of its absmax grid. */
    static RoundedModel rounded(Network network, int bits) {
        return rounded(network, bits, 0);
    }

    /** Rounds every weight layer to the nearest point of its absmax grid, one scale per group of inputs (0: row). */
    static RoundedModel rounded(Network network, int bits, int groupSize) {
        List<QuantizedLayer> layers = new ArrayList<>();
        GridSpec spec = new GridSpec(bits, ScaleMethod.ABSMAX, groupSize);
        for (int i : network.weightLayers()) {
            var matrix = Network.matrixOf(network.layer(i));
            var grid = org.barq.api.grid.LayerGrid.fit(matrix, spec);
            byte[] codes = new byte[matrix.out() * matrix.in()];
            for (int r = 0; r < matrix.out(); r++) {
                for (int j = 0; j < matrix.in(); j++) {
                    double w = matrix.weight(r, j);
                    int f = grid.floorCode(r, j, w);
                    codes[r * matrix.in() + j] = (byte) (grid.nearestUp(r, j, w) ? grid.upCode(f) : f);
                }
            }
            layers.add(grid.quantized(codes));
        }
        return RoundedModel.of(bits, layers, network);
    }

    static LoadedCheckpoint checkpoint(Network network, Optional<RoundedModel> rounded) {
        return new LoadedCheckpoint(rounded.map(RoundedModel::network).orElse(network), rounded, Optional.empty(),
                new TreeMap<>(Map.of("barq.format", rounded.isPresent() ? "net-q-v1" : "net-v1")), "0".repeat(64));
    }

    static float[] rawInputs(int n, int d, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(17);
        }
        return x;
    }

    /** @return ONNX Runtime's logits of the model on the raw inputs */
    static float[] runtimeLogits(byte[] model, float[] raw, int n, int d) throws OrtException {
        try (OrtSession session = ORT.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(ORT, FloatBuffer.wrap(raw), new long[] {n, d});
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            FloatBuffer out = ((OnnxTensor) result.get(OnnxExport.OUTPUT).orElseThrow()).getFloatBuffer();
            float[] logits = new float[out.remaining()];
            out.get(logits);
            return logits;
        }
    }

    /** @return barq's logits of the network on the raw inputs, scaled as barq scales them */
    static double[] barqLogits(Network network, float[] raw, int n, int d) {
        double[] x = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = network.scaling().apply(raw[i], i % d);
        }
        return Matrices.values(NetworkPass.run(network, Matrices.of(x, n, d)).logits());
    }

    static void assertSameLogits(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), what + " logit " + i);
        }
    }

    @ParameterizedTest(name = "{0} at {1} bits, opset {2}")
    @CsvSource(delimiter = '|', value = {
        "dense(32)-relu-dense(10) | 8 | 0",
        "dense(32)-relu-dense(10) | 4 | 0",
        "dense(32)-relu-dense(10) | 3 | 13",
        "dense(32)-relu-dense(10) | 2 | 0",
        "conv(4,k3,p1)-relu-maxpool(2)-conv(6,k2,s2)-relu-flatten-dense(10) | 4 | 0",
        "conv(4,k3,p1)-relu-avgpool(2,s1)-dense(10) | 6 | 0",
        "conv(4,k3,p1)-relu-avgpool(2,s1)-dense(10) | 4 | 13",
    })
    void runtimeLogitsEqualBarqsForwardPassOfTheRoundedModel(String arch, int bits, int opset) throws OrtException {
        Network network = network(arch, bits);
        RoundedModel rounded = rounded(network, bits);
        assertRuntimeAgrees(network, rounded, opset, arch + " " + bits + " bits");
    }

    /**
     * Group-wise scales: DequantizeLinear with axis 1 and block_size G at opset 21, INT4 or INT8 codes; a conv's
     * codes are its [out, in*kh*kw] matrix, reshaped to the kernel after dequantization.
     */
    @ParameterizedTest(name = "{0} at {1} bits, groups of {2}")
    @CsvSource(delimiter = '|', value = {
        "dense(32)-relu-dense(10) | 4 | 16",
        "dense(32)-relu-dense(10) | 8 | 8",
        "dense(32)-relu-dense(10) | 3 | 32",
        "conv(4,k2,p1)-relu-maxpool(2)-flatten-dense(10) | 4 | 4",
        "conv(4,k2,p1)-relu-maxpool(2)-flatten-dense(10) | 6 | 2",
    })
    void groupWiseScalesRunInTheRuntimeToo(String arch, int bits, int groupSize) throws OrtException, IOException {
        Network network = network(arch, bits);
        RoundedModel rounded = rounded(network, bits, groupSize);
        assertTrue(rounded.quantized().stream().anyMatch(q -> q.groups() > 1), "a layer has several groups per row");
        Onnx.ModelProto model = assertRuntimeAgrees(network, rounded, 0, arch + " groups of " + groupSize);
        assertEquals(21, model.getOpsetImport(0).getVersion(), "block_size needs opset 21");
        assertTrue(model.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("DequantizeLinear")
                && n.getAttributeList().stream().anyMatch(a -> a.getName().equals("block_size")
                && a.getI() == groupSize)), "a DequantizeLinear with block_size " + groupSize);
        String refused = assertThrows(InvalidInputException.class, () -> OnnxExport.model(checkpoint(network,
                Optional.of(rounded)), new OnnxExportOptions(true, OptionalInt.of(13)))).getMessage();
        assertTrue(refused.contains("block_size") && refused.contains("Maybe --onnx-opset 21"), refused);
        Path file = Files.write(tmp.resolve("codes.onnx"), model.toByteArray());
        String back = assertThrows(InvalidInputException.class, () -> OnnxImport.read(file)).getMessage();
        assertTrue(back.contains("(DequantizeLinear) is not an operator barq imports") && back.contains("Maybe export"
                + " the checkpoint with --format onnx-float, the float graph that import reads?"), back);
    }

    private static Onnx.ModelProto assertRuntimeAgrees(Network network, RoundedModel rounded, int opset, String what)
            throws OrtException {
        int bits = rounded.bits();
        OnnxExportOptions options = new OnnxExportOptions(true,
                opset == 0 ? OptionalInt.empty() : OptionalInt.of(opset));
        Onnx.ModelProto model = OnnxExport.model(checkpoint(network, Optional.of(rounded)), options);
        boolean grouped = rounded.quantized().stream().anyMatch(q -> q.groups() > 1);
        int expectedOpset = opset != 0 ? opset : bits <= 4 || grouped ? 21 : 13;
        assertEquals(expectedOpset, model.getOpsetImport(0).getVersion());
        int codeType = expectedOpset == 21 && bits <= 4 ? OnnxTensors.INT4 : OnnxTensors.INT8;
        for (Onnx.TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getName().endsWith(".weight")) {
                throw new AssertionError("a float weight " + t.getName() + " is stored beside the codes");
            }
            if (t.getName().endsWith(".codes")) {
                assertEquals(codeType, t.getDataType(), t.getName());
            }
        }
        int n = 50;
        int d = network.input().size();
        float[] raw = rawInputs(n, d, 7);
        assertSameLogits(barqLogits(rounded.network(), raw, n, d), runtimeLogits(model.toByteArray(), raw, n, d),
                what);
        return model;
    }

    @Test
    void aFloatExportRunsInTheRuntimeAndImportsBackAsTheSameNetwork() throws OrtException, IOException {
        Network network = network("conv(4,k3,p1)-relu-maxpool(2)-flatten-dense(16)-relu-dense(10)", 1);
        Path file = tmp.resolve("f.onnx");
        OnnxExport.write(file, checkpoint(network, Optional.empty()), new OnnxExportOptions(false, OptionalInt.empty()));
        float[] raw = rawInputs(20, 64, 3);
        assertSameLogits(barqLogits(network, raw, 20, 64), runtimeLogits(Files.readAllBytes(file), raw, 20, 64),
                "float");
        OnnxImport.Imported back = OnnxImport.read(file);
        assertEquals(network.spec(), back.network().spec());
        assertEquals(Optional.of(InputScaling.uniform(1.0 / 16)), back.inputScaling());
        for (int i : network.weightLayers()) {
            assertArrayEquals(Network.matrixOf(network.layer(i)).weights(),
                    Network.matrixOf(back.network().layer(i)).weights(), "layer " + i);
        }
    }

    /** A digits-wide MLP behind a per-feature scaling {@code (raw - offset(j)) * scale(j)}. */
    private static Network tabular(long seed, IntToDoubleFunction offset, IntToDoubleFunction scale) {
        Network layout = network("dense(8)-relu-dense(10)", seed);
        double[] o = new double[64];
        double[] k = new double[64];
        for (int j = 0; j < 64; j++) {
            o[j] = offset.applyAsDouble(j);
            k[j] = scale.applyAsDouble(j);
        }
        return new Network(layout.layers(), layout.input(), new InputScaling(o, k));
    }

    @Test
    void perFeatureOffsetsAndScalesAreSubAndMulAtTheFront() throws OrtException {
        Network network = tabular(2, j -> j % 5, j -> 1.0 / (1 + j % 7));
        RoundedModel rounded = rounded(network, 8);
        byte[] model = OnnxExport.model(checkpoint(network, Optional.of(rounded)),
                new OnnxExportOptions(true, OptionalInt.empty())).toByteArray();
        float[] raw = rawInputs(10, 64, 5);
        assertSameLogits(barqLogits(rounded.network(), raw, 10, 64), runtimeLogits(model, raw, 10, 64), "tabular");
    }

    /** A float export of a tabular model, at the newest opset barq writes, reads back with its scaling. */
    @Test
    void aFloatExportWithPerFeatureScalingImportsBackAtOpset21() throws IOException {
        Network network = tabular(3, j -> j % 3 - 1, j -> 0.5 + j % 4);
        Path file = tmp.resolve("tabular.onnx");
        OnnxExport.write(file, checkpoint(network, Optional.empty()), new OnnxExportOptions(false,
                OptionalInt.of(21)));
        OnnxImport.Imported back = OnnxImport.read(file);
        assertEquals(21, back.opset());
        InputScaling read = back.inputScaling().orElseThrow();
        for (int j = 0; j < 64; j++) {
            assertEquals(network.scaling().apply(7.0, j), read.apply(7.0, j), 1e-6, "feature " + j);
        }
        assertEquals(network.spec(), back.network().spec());
    }

    /** The size target, on a network of MNIST's shape: 4-bit codes in at most a sixth of the float file. */
    @Test
    void aFourBitMnistSizedModelIsAtMostASixthOfTheFloatFile() {
        Network layout = Architecture.parse("dense(256)-relu-dense(10)", SampleShape.flat(784), 10,
                InputScaling.uniform(1.0 / 255));
        Random random = new Random(4);
        Network network = layout;
        for (int i : layout.weightLayers()) {
            float[] w = Network.matrixOf(layout.layer(i)).weights();
            for (int j = 0; j < w.length; j++) {
                w[j] = (float) (random.nextGaussian() * 0.05);
            }
            network = network.withWeights(i, w);
        }
        RoundedModel rounded = rounded(network, 4);
        int q = OnnxExport.model(checkpoint(network, Optional.of(rounded)),
                new OnnxExportOptions(true, OptionalInt.empty())).getSerializedSize();
        int f = OnnxExport.model(checkpoint(network, Optional.of(rounded)),
                new OnnxExportOptions(false, OptionalInt.empty())).getSerializedSize();
        assertTrue(q * 6 <= f, "4-bit " + q + " bytes, float " + f + " bytes");
    }

    @Test
    void int4CodesArePackedTwoPerByteLowNibbleFirst() {
        Onnx.TensorProto t = OnnxTensors.codeTensor("c", new byte[] {-8, 7, -1, 0, 3}, new long[] {5},
                OnnxTensors.INT4);
        assertArrayEquals(new byte[] {(byte) 0x78, (byte) 0x0F, (byte) 0x03}, t.getRawData().toByteArray());
        assertEquals(22, t.getDataType());
    }

    @Test
    void aFloatCheckpointIsRefusedForCodesAndAnUnknownOpsetInOneLine() {
        Network network = network("dense(8)-relu-dense(10)", 3);
        String m = assertThrows(InvalidInputException.class, () -> OnnxExport.model(checkpoint(network,
                Optional.empty()), new OnnxExportOptions(true, OptionalInt.empty()))).getMessage();
        assertTrue(m.contains("float model") && m.contains("Maybe run 'barq quantize' first"), m);
        assertFalse(m.contains("\n"));
        String o = assertThrows(InvalidInputException.class,
                () -> new OnnxExportOptions(true, OptionalInt.of(17))).getMessage();
        assertTrue(o.contains("opset 17") && o.contains("13") && o.contains("21"), o);
    }
}
