package org.barq.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The architecture spec: what {@link Network#spec()} writes, {@link Architecture#parse} reads back. */
class ArchitectureTest {
    private static final SampleShape MNIST = new SampleShape(1, 28, 28);

    private static Network parse(String spec) {
        return Architecture.parse(spec, MNIST, 10, InputScaling.uniform(1.0 / 255));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "conv(16,k5,p2)-relu-maxpool(2)-conv(32,k5,p2)-relu-maxpool(2)-flatten-dense(128)-relu-dense(10)",
        "conv(4,k3x2,s2,p1)-relu-avgpool(2,s1)-flatten-dense(10)",
        "dense(64)-relu-dense(10)",
        "maxpool(3,s2)-conv(6,k3)-relu-flatten-dense(10)"})
    void aSpecReadsBackAsItIsWritten(String spec) {
        Network net = parse(spec);
        assertEquals(spec, net.spec());
        assertEquals(net.weightLayers().size(), Architecture.weightLayers(spec), "counted without the data's shape");
        for (int i : net.weightLayers()) {
            DenseLayer m = Network.matrixOf(net.layer(i));
            for (float w : m.weights()) {
                assertEquals(0f, w);
            }
        }
    }

    @Test
    void optionalArgumentsAndSpacesAreRead() {
        Network net = parse(" conv(8, k5, p2, s1) - relu - maxpool(2, s2) - flatten - dense(10) ");
        assertEquals("conv(8,k5,p2)-relu-maxpool(2)-flatten-dense(10)", net.spec());
        Conv2d conv = (Conv2d) net.layer(0);
        assertEquals(1, conv.in());
        assertEquals(25, conv.matrix().in());
        assertEquals(8 * 14 * 14, ((DenseLayer) net.layer(4)).in());
    }

    @Test
    void theMlpShorthandIsADenseReluChain() {
        assertEquals("dense(256)-relu-dense(256)-relu-dense(10)", Architecture.mlp(List.of(256, 256), 10));
        assertEquals("dense(3)", Architecture.mlp(List.of(), 3));
        assertTrue(parse(Architecture.mlp(List.of(64), 10)).asMlp().isPresent());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "conv2d(8,k3)-flatten-dense(10); layer 1 'conv2d(8,k3)': unknown layer 'conv2d'",
        "conv(8)-flatten-dense(10); layer 1 'conv(8)': conv takes 2 to 4 arguments but has 1",
        "conv(8,5)-flatten-dense(10); kernel '5' is not kK or kKHxKW. Maybe conv(8,k3)?",
        "conv(8,k3,q1)-flatten-dense(10); argument 'q1' is neither sS (stride) nor pP (padding)",
        "conv(8,k3,s1,s2)-flatten-dense(10); 's' is given twice",
        "dense(0); layer 1 'dense(0)': '0' is not a positive integer",
        "dense(64)-relu-dense(12); ends with 12 outputs but the data set has 10 classes. Maybe end it with dense(10)?",
        "flatten-maxpool(2)-dense(10); layer 2 'maxpool(2)'",
        "relu(3)-dense(10); relu takes 0 arguments but has 1",
        "dense(64)--dense(10); layer 2 '': not a layer",
        "conv(8,k3)-dense(10, 2); dense takes 1 arguments but has 2"})
    void aBadSpecIsRefusedInOneLineNamingTheLayer(String spec, String expected) {
        String m = assertThrows(InvalidInputException.class, () -> parse(spec)).getMessage();
        assertTrue(m.contains(expected), m);
        assertTrue(m.contains("Maybe"), m);
        assertFalse(m.contains("\n"), m);
    }

    @Test
    void anEmptySpecIsRefused() {
        String m = assertThrows(InvalidInputException.class, () -> parse(" ")).getMessage();
        assertTrue(m.startsWith("architecture spec is empty. Maybe conv("), m);
    }
}
