package org.barq.interop.onnx;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import onnx.Onnx;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.SampleShape;
import org.barq.api.model.AvgPool2d;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Layer;
import org.barq.api.model.MaxPool2d;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.Relu;
import org.barq.api.model.RoundedModel;

/**
 * Writes a barq checkpoint as an ONNX model that takes the raw features, as barq's data sets hold them, and returns
 * the logits. A rounded model keeps its integer codes (QDQ): each weight is an INT8 or INT4 initializer that a
 * {@code DequantizeLinear} turns into {@code scale * code} (zero point 0) in front of its {@code Gemm} or
 * {@code Conv}; float products of F32 scales and small integers are exact, so ONNX Runtime computes with the very
 * weights barq's checkpoint holds. The input scaling is a {@code Sub} (when an offset is not 0) and a {@code Mul} at
 * the front, an image input a {@code Reshape} to {@code [N, C, H, W]} after them.
 *
 * <p>A checkpoint with a logit correction exports the deployed model: the network's logits ({@code logits.rounded})
 * go to their nearest centroid ({@code ArgMin} of {@code ||c||^2 - 2 p c}, after the PCA's {@code Sub} and
 * {@code Gemm} when there is one), whose slope {@code 1 + alpha (gamma - 1)} and shift {@code alpha beta} rows are
 * {@code Gather}ed, then {@code logits = slope * z + shift}.
 */
public final class OnnxExport {
    /** The prefix of every name in a logit correction's part of the graph, by which import tells it apart. */
    static final String CORRECTION = "correction.";
    /** The name of the graph's input: raw features {@code [N, features]}. */
    public static final String INPUT = "input";
    /** The name of the graph's output: logits {@code [N, classes]}. */
    public static final String OUTPUT = "logits";

    private final OnnxGraph graph = new OnnxGraph();
    private final int codeType;
    private final Network network;
    private String current = INPUT;
    private boolean image;

    private OnnxExport(int codeType, Network network) {
        this.codeType = codeType;
        this.network = network;
    }

    /**
     * @param checkpoint a float or rounded checkpoint
     * @param options    quantized or float, and the opset
     * @return the ONNX model
     * @throws InvalidInputException when the checkpoint cannot be written with these options (a float checkpoint
     *                               asked for codes, group-wise scales at opset 13)
     */
    public static Onnx.ModelProto model(LoadedCheckpoint checkpoint, OnnxExportOptions options) {
        Network network = checkpoint.network();
        int opset;
        int codeType = 0;
        List<QuantizedLayer> codes = List.of();
        if (options.quantized()) {
            RoundedModel rounded = checkpoint.rounded().orElseThrow(() -> new InvalidInputException("the checkpoint"
                    + " is a float model (" + checkpoint.metadata().get(Checkpoints.BARQ_FORMAT) + "): the onnx format"
                    + " stores integer codes, which only a rounded checkpoint has. Maybe run 'barq quantize' first,"
                    + " or use --format onnx-float?"));
            boolean grouped = rounded.quantized().stream().anyMatch(q -> q.groups() > 1);
            opset = options.opsetFor(rounded.bits(), grouped);
            codeType = opset >= OnnxExportOptions.INT4_OPSET && rounded.bits() <= 4 ? OnnxTensors.INT4
                    : OnnxTensors.INT8;
            codes = rounded.quantized();
            network = rounded.network();
        } else {
            opset = options.opsetFor(8, false);
        }
        OnnxExport export = new OnnxExport(codeType, network);
        export.input(network);
        List<Integer> weightLayers = network.weightLayers();
        Optional<LogitCorrection> correction = checkpoint.correction();
        for (int i = 0; i < network.layers().size(); i++) {
            int k = weightLayers.indexOf(i);
            boolean last = i == network.layers().size() - 1;
            export.layer(i, network.layer(i), k >= 0 && options.quantized() ? codes.get(k) : null,
                    last ? correction.isPresent() ? OUTPUT + ".rounded" : OUTPUT : "layers." + i);
        }
        correction.ifPresent(export::correction);
        Onnx.GraphProto.Builder g = export.graph.build("barq", INPUT, network.input().size(), OUTPUT,
                network.classes());
        Onnx.ModelProto.Builder model = Onnx.ModelProto.newBuilder()
                .setIrVersion(opset >= OnnxExportOptions.INT4_OPSET ? 10 : 7)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setProducerName("barq")
                .setProducerVersion(checkpoint.metadata().getOrDefault("barq.version", ""))
                .setGraph(g);
        SortedMap<String, String> metadata = checkpoint.metadata();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            model.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        model.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey("barq.source_checkpoint_sha256")
                .setValue(checkpoint.sha256()));
        return model.build();
    }

    /**
     * Writes the model atomically: a temporary file renamed over {@code target}, never a partial file.
     *
     * @param target     the {@code .onnx} file
     * @param checkpoint a float or rounded checkpoint
     * @param options    quantized or float, and the opset
     * @return the bytes written
     */
    public static long write(Path target, LoadedCheckpoint checkpoint, OnnxExportOptions options) {
        byte[] bytes = model(checkpoint, options).toByteArray();
        AtomicFiles.write(target, bytes);
        return bytes.length;
    }

    private void input(Network network) {
        InputScaling scaling = network.scaling();
        int d = network.input().size();
        if (!isZero(scaling.offset())) {
            current = graph.node("Sub", "input.centred", current, graph.floats("input.offset",
                    floats(scaling.offset()), scaling.offset().length == 1 ? new long[0] : new long[] {d}));
        }
        current = graph.node("Mul", "input.scaled", current, graph.floats("input.scale", floats(scaling.scale()),
                scaling.scale().length == 1 ? new long[0] : new long[] {d}));
        SampleShape shape = network.input();
        if (shape.isImage()) {
            String target = graph.longs("input.shape", new long[] {-1, shape.channels(), shape.height(), shape.width()});
            current = graph.node("Reshape", "input.image", current, target);
            image = true;
        }
    }

    private void layer(int i, Layer layer, QuantizedLayer q, String out) {
        if (layer instanceof DenseLayer dense) {
            if (image) {
                current = graph.node("Flatten", "layers." + i + ".flat", current, OnnxGraph.ints("axis", 1));
                image = false;
            }
            String weight = weight(i, dense, q, new long[] {dense.out(), dense.in()});
            current = graph.node("Gemm", out, List.of(current, weight, bias(i, dense)), OnnxGraph.ints("transB", 1));
        } else if (layer instanceof Conv2d conv) {
            String weight = weight(i, conv.matrix(), q,
                    new long[] {conv.out(), conv.in(), conv.kernelH(), conv.kernelW()});
            int p = conv.padding();
            current = graph.node("Conv", out, List.of(current, weight, bias(i, conv.matrix())),
                    OnnxGraph.ints("kernel_shape", conv.kernelH(), conv.kernelW()),
                    OnnxGraph.ints("strides", conv.stride(), conv.stride()), OnnxGraph.ints("pads", p, p, p, p));
        } else if (layer instanceof Relu) {
            current = graph.node("Relu", out, List.of(current));
        } else if (layer instanceof MaxPool2d pool) {
            current = graph.node("MaxPool", out, List.of(current), OnnxGraph.ints("kernel_shape", pool.kernel(),
                    pool.kernel()), OnnxGraph.ints("strides", pool.stride(), pool.stride()));
        } else if (layer instanceof AvgPool2d pool) {
            current = graph.node("AveragePool", out, List.of(current), OnnxGraph.ints("kernel_shape", pool.kernel(),
                    pool.kernel()), OnnxGraph.ints("strides", pool.stride(), pool.stride()));
        } else if (layer instanceof Flatten) {
            current = graph.node("Flatten", out, List.of(current), OnnxGraph.ints("axis", 1));
            image = false;
        } else {
            throw new IllegalStateException("no ONNX form for " + layer.spec());
        }
    }

    /**
     * @return the float weight's name: an initializer, or the output of a DequantizeLinear of the codes when
     *         {@code q} is given: per output channel ({@code axis = 0}), or per group of inputs ({@code axis = 1},
     *         {@code block_size = G} over the {@code [out, in*kh*kw]} matrix, reshaped to a conv's kernel after)
     */
    private String weight(int i, DenseLayer matrix, QuantizedLayer q, long[] shape) {
        String name = Checkpoints.layerName(network, i) + ".weight";
        if (q == null) {
            return graph.floats(name, matrix.weights(), shape);
        }
        int groups = q.groups();
        if (groups == 1) {
            String codes = graph.codes(name + ".codes", q.codes(), shape, codeType);
            String scale = graph.floats(name + ".scale", q.scales(), new long[] {q.out()});
            String zero = graph.codes(name + ".zero_point", new byte[q.out()], new long[] {q.out()}, codeType);
            return graph.node("DequantizeLinear", name, List.of(codes, scale, zero), OnnxGraph.ints("axis", 0));
        }
        long[] matrixShape = {q.out(), q.in()};
        long[] scaleShape = {q.out(), groups};
        String codes = graph.codes(name + ".codes", q.codes(), matrixShape, codeType);
        String scale = graph.floats(name + ".scale", q.scales(), scaleShape);
        String zero = graph.codes(name + ".zero_point", new byte[q.out() * groups], scaleShape, codeType);
        String dequantized = graph.node("DequantizeLinear", shape.length == 2 ? name : name + ".matrix",
                List.of(codes, scale, zero), OnnxGraph.ints("axis", 1), OnnxGraph.ints("block_size", q.groupSize()));
        if (shape.length == 2) {
            return dequantized;
        }
        return graph.node("Reshape", name, dequantized, graph.longs(name + ".shape", shape));
    }

    /** The correction subgraph from the network's logits to {@link #OUTPUT}; see the class comment. */
    private void correction(LogitCorrection c) {
        int k = c.classes();
        int clusters = c.clusters();
        int d = c.dimensions();
        String z = current;
        String points = z;
        if (c.projection().isPresent()) {
            LogitCorrection.Projection p = c.projection().get();
            String centred = graph.node("Sub", "correction.centred", z,
                    graph.floats("correction.pca_mean", p.mean(), new long[] {k}));
            points = graph.node("Gemm", "correction.projected", List.of(centred, graph.floats(
                    "correction.pca_components", p.components(), new long[] {d, k})), OnnxGraph.ints("transB", 1));
        }
        float[] centroids = c.centroids();
        float[] norms = new float[clusters];
        for (int j = 0; j < clusters; j++) {
            double s = 0.0;
            for (int a = 0; a < d; a++) {
                s += (double) centroids[j * d + a] * centroids[j * d + a];
            }
            norms[j] = (float) s;
        }
        // ||p - c||^2 = ||p||^2 - 2 p.c + ||c||^2, and ||p||^2 is the same for every centroid of a sample.
        String distances = graph.node("Gemm", "correction.distances", List.of(points,
                graph.floats("correction.centroids", centroids, new long[] {clusters, d}),
                graph.floats("correction.centroid_norms", norms, new long[] {clusters})),
                OnnxGraph.real("alpha", -2f), OnnxGraph.ints("transB", 1));
        String cluster = graph.node("ArgMin", "correction.cluster", distances, OnnxGraph.ints("axis", 1),
                OnnxGraph.ints("keepdims", 0));
        float[] slope = new float[clusters * k];
        float[] shift = new float[clusters * k];
        for (int j = 0; j < clusters; j++) {
            for (int o = 0; o < k; o++) {
                slope[j * k + o] = (float) c.slope(j, o);
                shift[j * k + o] = (float) c.shift(j, o);
            }
        }
        String slopes = graph.node("Gather", "correction.sample_slope", List.of(graph.floats("correction.slope",
                slope, new long[] {clusters, k}), cluster), OnnxGraph.ints("axis", 0));
        String shifts = graph.node("Gather", "correction.sample_shift", List.of(graph.floats("correction.shift",
                shift, new long[] {clusters, k}), cluster), OnnxGraph.ints("axis", 0));
        String scaled = graph.node("Mul", "correction.scaled", z, slopes);
        current = graph.node("Add", OUTPUT, scaled, shifts);
    }

    private String bias(int i, DenseLayer matrix) {
        return graph.floats(Checkpoints.layerName(network, i) + ".bias", matrix.biases(), new long[] {matrix.out()});
    }

    private static boolean isZero(double[] values) {
        for (double v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the values in F32: one value is a scalar that broadcasts, else one per feature */
    private static float[] floats(double[] values) {
        float[] v = new float[values.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) values[j];
        }
        return v;
    }
}
