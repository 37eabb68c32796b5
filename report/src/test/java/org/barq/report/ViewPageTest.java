package org.barq.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.barq.api.InvalidInputException;
import org.barq.evaluation.SampleOutcomes;
import org.barq.evaluation.slice.Slice;
import org.barq.evaluation.slice.SlicePlane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The viewer's data and page without a browser: encoding, determinism, escaping and refusals. */
class ViewPageTest {
    private static final int G = 4;

    @TempDir
    Path dir;

    @Test
    void runLengthsSplitLongRunsAndKeepTheOrder() {
        int[] values = new int[300];
        values[299] = 7;
        byte[] runs = Base64.getDecoder().decode(RunLengths.encode(values));
        assertArrayEquals(new byte[] {0, (byte) 255, 0, 44, 7, 1}, runs);
        assertEquals("AAEBAQ==", RunLengths.encode(new boolean[] {false, true}));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunLengths.encode(new int[] {256}));
        assertTrue(e.getMessage().contains("label 256. Maybe"), e.getMessage());
    }

    @Test
    void thePageEmbedsTheDataAndTheSameDataGivesTheSameBytes() throws IOException {
        ViewData data = data("a <b> & 'c'");
        Path first = ViewPage.write(data, dir.resolve("one.html"));
        data.write(dir.resolve(ViewData.FILE));
        Path again = ViewPage.rewrite(dir);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(again));
        String html = Files.readString(first);
        assertTrue(html.contains("<h1>a &lt;b&gt; &amp; &#39;c&#39;</h1>"), "escaped title");
        assertTrue(html.contains("\"title\":\"a \\u003cb> & 'c'\""), "no '<' inside the data element");
        assertTrue(html.contains("\"format\":\"barq-view 1\""));
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing to fetch");
    }

    @Test
    void refusesDataOfAnotherFormatAndShapesThatDoNotFit() throws IOException {
        Files.writeString(dir.resolve(ViewData.FILE), "{\"format\":\"barq-view 0\"}");
        InvalidInputException format = assertThrows(InvalidInputException.class, () -> ViewPage.rewrite(dir));
        assertTrue(format.getMessage().contains("format 'barq-view 0', this barq reads 'barq-view 1'. Maybe"),
                format.getMessage());
        Files.writeString(dir.resolve(ViewData.FILE), "{not json");
        assertThrows(InvalidInputException.class, () -> ViewPage.rewrite(dir));
        InvalidInputException positions = assertThrows(InvalidInputException.class, () -> new ViewData("t", "",
                2, slice(0), samples(), List.of(0.0, 0.5), List.of(variant(List.of()))));
        assertTrue(positions.getMessage().contains("must run from 0 to 1. Maybe"), positions.getMessage());
        InvalidInputException toward = assertThrows(InvalidInputException.class, () -> new ViewData("t", "",
                2, slice(0), samples(), ViewData.QUARTERS, List.of(variant(List.of(slice(1))))));
        assertTrue(toward.getMessage().contains("1 interpolated slices for 3 interior positions"),
                toward.getMessage());
    }

    private static ViewData data(String title) {
        return new ViewData(title, "about", 2, slice(0), samples(), ViewData.QUARTERS,
                List.of(variant(List.of(slice(1), slice(2), slice(3)))));
    }

    private static ViewVariant variant(List<Slice> toward) {
        return new ViewVariant("b3/x", "x", 3, Map.of("flip_rate", 0.25), slice(1), new SampleOutcomes(
                new int[] {0, 1}, new double[] {0.5, -0.25}), toward);
    }

    private static ViewSamples samples() {
        return new ViewSamples(new double[] {0.1, -0.2, 1.5, 2.5}, new int[] {0, 1}, new boolean[] {true, false},
                new SampleOutcomes(new int[] {0, 0}, new double[] {0.125, 1.0}));
    }

    /** A 4 x 4 slice whose columns left of {@code split} are class 1, the others class 0. */
    private static Slice slice(int split) {
        SlicePlane plane = new SlicePlane(new double[2], new double[] {1, 0}, new double[] {0, 1}, 1, 1,
                SlicePlane.linspace(-3, 3, G));
        int[] labels = new int[G * G];
        for (int cell = 0; cell < labels.length; cell++) {
            labels[cell] = cell % G < split ? 1 : 0;
        }
        return new Slice(plane, labels);
    }
}
