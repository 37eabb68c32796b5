package org.barq.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;

/**
 * The architecture spec that {@code barq train --arch} reads and {@link Network#spec()} writes: layers joined by
 * {@code -}, first to last.
 *
 * <ul>
 *   <li>{@code dense(N)}: a fully connected layer with {@code N} outputs over the flattened input;</li>
 *   <li>{@code conv(N,kK)}, {@code conv(N,kKHxKW,sS,pP)}: {@code N} output channels, a {@code K x K} (or
 *       {@code KH x KW}) kernel, stride {@code S} (default 1) and zero padding {@code P} (default 0);</li>
 *   <li>{@code maxpool(K)}, {@code avgpool(K,sS)}: a {@code K x K} window, stride {@code S} (default {@code K});</li>
 *   <li>{@code relu}, {@code flatten}.</li>
 * </ul>
 *
 * <p>For example {@code conv(16,k5,p2)-relu-maxpool(2)-conv(32,k5,p2)-relu-maxpool(2)-flatten-dense(128)-relu-dense(10)}.
 * The last layer's outputs are the logits: their number must be the data set's class count.
 */
public final class Architecture {
    private static final Pattern TOKEN = Pattern.compile("([a-z][a-z0-9_]*)(?:\\(([^()]*)\\))?");
    private static final Pattern KERNEL = Pattern.compile("k([1-9][0-9]*)(?:x([1-9][0-9]*))?");
    private static final String EXAMPLE = "conv(16,k5,p2)-relu-maxpool(2)-flatten-dense(10)";

    private Architecture() {
    }

    /**
     * @param hidden  hidden widths
     * @param classes output width
     * @return the ReLU MLP's spec, e.g. {@code dense(64)-relu-dense(10)}
     */
    public static String mlp(List<Integer> hidden, int classes) {
        StringBuilder spec = new StringBuilder();
        for (int h : hidden) {
            spec.append("dense(").append(h).append(")-relu-");
        }
        return spec.append("dense(").append(classes).append(')').toString();
    }

    /**
     * @param spec an architecture spec
     * @return how many weight layers (dense and conv) it names, counted without building it, so without the data's
     *         shape; the spec is checked only when it is built ({@link #parse})
     */
    public static int weightLayers(String spec) {
        int count = 0;
        for (String token : spec.strip().split("-", -1)) {
            Matcher m = TOKEN.matcher(token.strip());
            if (m.matches() && (m.group(1).equals("dense") || m.group(1).equals("conv"))) {
                count++;
            }
        }
        return count;
    }

    /**
     * @param spec    the architecture spec
     * @param input   the shape of one sample
     * @param classes the data set's class count, which the last layer must give
     * @param scaling the input scaling the network keeps
     * @return the network with every weight and bias zero, to be initialised by its trainer
     * @throws InvalidInputException naming the token and its position, for a spec that does not parse or whose
     *                               shapes do not chain
     */
    public static Network parse(String spec, SampleShape input, int classes, InputScaling scaling) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("architecture spec is empty. Maybe " + EXAMPLE + "?");
        }
        String[] tokens = spec.strip().split("-", -1);
        List<Layer> layers = new ArrayList<>();
        SampleShape shape = input;
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i].strip();
            Layer layer;
            try {
                layer = layer(token, shape);
                shape = layer.outputShape(shape);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("architecture '" + spec + "', layer " + (i + 1) + " '" + token + "': "
                        + e.getMessage(), e);
            }
            layers.add(layer);
        }
        if (layers.get(layers.size() - 1) instanceof Relu) {
            throw new InvalidInputException("architecture '" + spec + "' ends with relu, which would clip the logits at"
                    + " 0, so that every class with a negative logit ties. Maybe drop the last relu?");
        }
        if (shape.size() != classes) {
            throw new InvalidInputException("architecture '" + spec + "' ends with " + shape.size() + " outputs but the"
                    + " data set has " + classes + " classes. Maybe end it with dense(" + classes + ")?");
        }
        return new Network(layers, input, scaling);
    }

    private static Layer layer(String token, SampleShape shape) {
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            throw new InvalidInputException("not a layer. Maybe " + EXAMPLE + "?");
        }
        String name = m.group(1);
        String[] args = m.group(2) == null || m.group(2).isBlank() ? new String[0] : m.group(2).split(",", -1);
        switch (name) {
            case "relu", "flatten" -> {
                requireArguments(name, args, 0, 0, name);
                return name.equals("relu") ? new Relu() : new Flatten();
            }
            case "dense" -> {
                requireArguments(name, args, 1, 1, "dense(10)");
                int out = positive(args[0], "dense(10)");
                return new DenseLayer(out, shape.size(), new float[out * shape.size()], new float[out]);
            }
            case "conv" -> {
                requireArguments(name, args, 2, 4, "conv(16,k5,p2)");
                int out = positive(args[0], "conv(16,k5,p2)");
                Matcher kernel = KERNEL.matcher(args[1].strip());
                if (!kernel.matches()) {
                    throw new InvalidInputException("kernel '" + args[1].strip() + "' is not kK or kKHxKW. Maybe"
                            + " conv(" + out + ",k3)?");
                }
                int kh = Integer.parseInt(kernel.group(1));
                int kw = kernel.group(2) == null ? kh : Integer.parseInt(kernel.group(2));
                int stride = option(args, 2, 's', 1, "conv(16,k5,s1,p2)");
                int padding = option(args, 2, 'p', 0, "conv(16,k5,s1,p2)");
                int in = shape.channels();
                return Conv2d.of(out, in, kh, kw, stride, padding, new float[out * in * kh * kw], new float[out]);
            }
            case "maxpool", "avgpool" -> {
                requireArguments(name, args, 1, 2, name + "(2)");
                int kernel = positive(args[0], name + "(2)");
                int stride = option(args, 1, 's', kernel, name + "(2,s2)");
                return name.equals("maxpool") ? new MaxPool2d(kernel, stride) : new AvgPool2d(kernel, stride);
            }
            default -> throw new InvalidInputException("unknown layer '" + name + "'; barq knows dense, conv, relu,"
                    + " maxpool, avgpool and flatten. Maybe " + EXAMPLE + "?");
        }
    }

    private static void requireArguments(String name, String[] args, int least, int most, String example) {
        if (args.length < least || args.length > most) {
            throw new InvalidInputException(name + " takes " + (least == most ? least : least + " to " + most)
                    + " arguments but has " + args.length + ". Maybe " + example + "?");
        }
    }

    private static int positive(String text, String example) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("'" + text.strip() + "' is not a positive integer. Maybe " + example + "?");
    }

    /** The optional arguments from {@code first} on: {@code sS} and {@code pP}, each at most once. */
    private static int option(String[] args, int first, char letter, int absent, String example) {
        Integer found = null;
        for (int i = first; i < args.length; i++) {
            String a = args[i].strip();
            if (a.isEmpty() || (a.charAt(0) != 's' && a.charAt(0) != 'p')) {
                throw new InvalidInputException("argument '" + a + "' is neither sS (stride) nor pP (padding). Maybe "
                        + example + "?");
            }
            if (a.charAt(0) == letter) {
                if (found != null) {
                    throw new InvalidInputException("'" + letter + "' is given twice. Maybe " + example + "?");
                }
                found = letter == 'p' && a.equals("p0") ? 0 : positive(a.substring(1), example);
            }
        }
        return found == null ? absent : found;
    }
}
