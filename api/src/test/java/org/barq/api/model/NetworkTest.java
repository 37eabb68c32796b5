package org.barq.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;
import org.junit.jupiter.api.Test;

/** The layer chain: shapes as PyTorch computes them, and one-line errors that name the layer when they do not fit. */
class NetworkTest {
    private static final InputScaling ONE = InputScaling.uniform(1);

    private static Conv2d conv(int out, int in, int k, int stride, int padding) {
        return Conv2d.of(out, in, k, k, stride, padding, new float[out * in * k * k], new float[out]);
    }

    private static DenseLayer dense(int out, int in) {
        return new DenseLayer(out, in, new float[out * in], new float[out]);
    }

    @Test
    void theIssuesExampleCnnOnMnistHasPyTorchsShapes() {
        Network cnn = new Network(List.of(conv(16, 1, 5, 1, 2), new Relu(), new MaxPool2d(2, 2),
                conv(32, 16, 5, 1, 2), new Relu(), new MaxPool2d(2, 2), new Flatten(), dense(128, 32 * 7 * 7),
                new Relu(), dense(10, 128)), new SampleShape(1, 28, 28), ONE);
        assertEquals(new SampleShape(16, 28, 28), cnn.shapeBefore(1));
        assertEquals(new SampleShape(32, 7, 7), cnn.shapeBefore(6));
        assertEquals(10, cnn.classes());
        assertEquals(List.of(0, 3, 7, 9), cnn.weightLayers());
        assertEquals("conv(16,k5,p2)-relu-maxpool(2)-conv(32,k5,p2)-relu-maxpool(2)-flatten-dense(128)-relu-dense(10)",
                cnn.spec());
        assertEquals(16 * 25, Network.matrixOf(cnn.layer(3)).in(), "a conv is rounded as its [out, in*kh*kw] matrix");
        assertSame(cnn.layer(9), Network.matrixOf(cnn.layer(9)));
    }

    @Test
    void stridesPaddingAndPoolingFloorLikePyTorch() {
        assertEquals(new SampleShape(4, 3, 3), conv(4, 2, 3, 2, 0).outputShape(new SampleShape(2, 7, 8)));
        assertEquals(new SampleShape(4, 5, 5), conv(4, 2, 2, 2, 2).outputShape(new SampleShape(2, 6, 6)));
        assertEquals(new SampleShape(2, 3, 3), new AvgPool2d(3, 2).outputShape(new SampleShape(2, 8, 8)));
        assertEquals("maxpool(3,s2)", new MaxPool2d(3, 2).spec());
        assertEquals("conv(4,k2,s2,p2)", conv(4, 2, 2, 2, 2).spec());
    }

    @Test
    void anMlpBecomesDenseAndReluLayers() {
        Mlp mlp = new Mlp(List.of(dense(5, 4), dense(3, 5)), ONE);
        Network net = Network.of(mlp);
        assertEquals("dense(5)-relu-dense(3)", net.spec());
        assertEquals(SampleShape.flat(4), net.input());
        assertEquals(3, net.classes());
        assertEquals(Optional.of(mlp), net.asMlp(), "and back");
        assertEquals(Optional.empty(), new Network(List.of(dense(5, 4), dense(3, 5)), SampleShape.flat(4), ONE)
                .asMlp(), "two dense layers without a relu are not barq's MLP");
        assertEquals(Optional.empty(), new Network(List.of(dense(5, 4), new Relu()), SampleShape.flat(4), ONE)
                .asMlp(), "nor one that ends in a relu");
        assertTrue(new Network(List.of(new Flatten(), dense(5, 4), new Relu(), dense(3, 5)),
                new SampleShape(1, 2, 2), ONE).asMlp().isPresent(), "a flatten changes no values");
        assertEquals(Optional.empty(), new Network(List.of(conv(2, 1, 1, 1, 0), new Flatten(), dense(3, 8)),
                new SampleShape(1, 2, 2), ONE).asMlp());
    }

    @Test
    void layersThatDoNotFitAreNamedInOneLine() {
        String kernel = assertThrows(InvalidInputException.class, () -> new Network(List.of(conv(2, 1, 5, 1, 0),
                new Flatten(), dense(3, 2)), new SampleShape(1, 3, 3), ONE)).getMessage();
        assertTrue(kernel.startsWith("layer 0 conv(2,k5) cannot slide its 5x5 kernel over a 1x3x3 input"), kernel);
        String width = assertThrows(InvalidInputException.class, () -> new Network(List.of(conv(2, 1, 3, 1, 1),
                new Flatten(), dense(3, 17)), new SampleShape(1, 3, 3), ONE)).getMessage();
        assertTrue(width.startsWith("layer 2 dense(3) takes 17 inputs but its input is 18x1x1 = 18 values"), width);
        String pool = assertThrows(InvalidInputException.class, () -> new Network(List.of(dense(4, 6),
                new MaxPool2d(2, 2), dense(3, 4)), SampleShape.flat(6), ONE)).getMessage();
        assertTrue(pool.startsWith("layer 1 maxpool(2) cannot pool a 4x1x1 input"), pool);
        String channels = assertThrows(InvalidInputException.class, () -> new Network(List.of(conv(2, 3, 1, 1, 0),
                new Flatten(), dense(1, 2)), new SampleShape(1, 1, 1), ONE)).getMessage();
        assertTrue(channels.contains("conv(2,k1) takes 3 channels but its input is 1x1x1"), channels);
        String none = assertThrows(InvalidInputException.class, () -> new Network(List.of(new Relu()),
                SampleShape.flat(3), ONE)).getMessage();
        assertTrue(none.contains("needs at least one dense or conv layer; this one is relu"), none);
        for (String m : List.of(kernel, width, pool, channels, none)) {
            assertFalse(m.contains("\n"), m);
        }
        assertThrows(InvalidInputException.class, () -> new MaxPool2d(0, 1));
        assertThrows(InvalidInputException.class, () -> conv(2, 1, 3, 0, 0));
    }
}
