package org.barq.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tick labels never collide, on either axis, whatever the values; the reported case was an anytime curve. */
class TickLabelsTest {
    private static final Pattern X_TICK = Pattern.compile(
            "<text class=\"tick\" x=\"([0-9.\\-]+)\" y=\"[0-9.\\-]+\" text-anchor=\"middle\">([^<]*)</text>");
    private static final Pattern Y_TICK = Pattern.compile(
            "<text class=\"tick\" x=\"[0-9.\\-]+\" y=\"([0-9.\\-]+)\" text-anchor=\"end\">([^<]*)</text>");

    static Stream<List<Double>> xValues() {
        List<Double> closeLambdas = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            closeLambdas.add(i * 0.025);
        }
        return Stream.of(List.of(0.0, 1e-9, 1e3), List.of(0.0, 1e-6, 2e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1.0, 10.0),
                closeLambdas, List.of(0.0, 0.1, 0.3, 1.0, 3.0), List.of(5.0), List.of(0.0), List.of(1e-300, 1e300));
    }

    @ParameterizedTest
    @MethodSource("xValues")
    void logAxisLabelsOfAnytimeAndLambdaChartsNeverOverlap(List<Double> values) {
        for (Axis axis : List.of(LogAxis.ticksAtDecades(values), LogAxis.ticksAtValues(values))) {
            double[] x = values.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = 1e-7 * i * i;
            }
            String svg = new SvgLineChart("t", "x", "y", axis, false)
                    .add(new SvgLineChart.Series("s", 0, x, y)).render();
            List<double[]> boxes = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            Matcher m = X_TICK.matcher(svg);
            while (m.find()) {
                double centre = Double.parseDouble(m.group(1));
                double half = TickLabels.halfExtent(new Axis.Tick(0, m.group(2)), SvgLineChart.TICK_FONT, true);
                boxes.add(new double[] {centre - half, centre + half});
                labels.add(m.group(2));
            }
            assertFalse(boxes.isEmpty(), svg);
            for (int i = 1; i < boxes.size(); i++) {
                assertTrue(boxes.get(i)[0] >= boxes.get(i - 1)[1], "labels " + labels + " overlap for " + values);
            }
            for (String label : labels) {
                assertTrue(label.length() <= 7, "label '" + label + "' is long");
            }
            assertEquals(axis.ticks().get(0).label(), labels.get(0), "the first tick stays");
            assertEquals(axis.ticks().get(axis.ticks().size() - 1).label(), labels.get(labels.size() - 1),
                    "the last tick stays");
            assertYLabelsClear(svg);
        }
    }

    private static void assertYLabelsClear(String svg) {
        List<Double> ys = new ArrayList<>();
        Matcher m = Y_TICK.matcher(svg);
        while (m.find()) {
            ys.add(Double.parseDouble(m.group(1)));
        }
        for (int i = 1; i < ys.size(); i++) {
            assertTrue(Math.abs(ys.get(i) - ys.get(i - 1)) >= SvgLineChart.TICK_FONT, "y labels overlap: " + ys);
        }
    }

    @Test
    void thinningKeepsBothEndsAndDropsWhatCollides() {
        List<Axis.Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            ticks.add(new Axis.Tick(i, "00000" + i));
        }
        // 6 characters at 10 px take 37.2 px, plus the gap: every third tick of 20 px; 9 gives way to the end
        List<Axis.Tick> kept = TickLabels.thin(ticks, v -> 20 * v, 10, true);
        assertEquals(List.of(0.0, 3.0, 6.0, 10.0), kept.stream().map(Axis.Tick::value).toList());
        List<Axis.Tick> two = TickLabels.thin(List.of(ticks.get(0), ticks.get(1)), v -> v, 10, true);
        assertEquals(List.of(ticks.get(0)), two, "when the ends collide, the first stays alone");
    }

    @Test
    void tickLabelsUsePowersOfTenOutsideTheReadableRange() {
        assertEquals("1e-6", Numbers.tick(1e-6));
        assertEquals("2.5e5", Numbers.tick(2.5e5));
        assertEquals("1e-6", Numbers.tick(9.9999e-7));
        assertEquals("0.001", Numbers.tick(1e-3));
        assertEquals("1000", Numbers.tick(1000));
        assertEquals("0", Numbers.tick(0));
        assertEquals("-1e-4", Numbers.tick(-1e-4));
    }
}
