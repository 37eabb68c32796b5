package org.barq.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportPartsTest {

    private static JsonNode json(String text) throws Exception {
        return JsonValues.MAPPER.readTree(text);
    }

    @Test
    void theLogitsReconstructionComesFromTheOutputPassElseFromTheLastLayerRecord() throws Exception {
        String layers = "\"layers\": [{\"layer\": 0, \"r\": 0.7}, {\"layer\": 1, \"r\": 0.25}]";
        Variant plain = VariantReader.read(json("{\"bits\": 4, \"solver\": \"gptq\", \"r_total\": 0.95, " + layers
                + "}")).orElseThrow();
        assertEquals(0.25, plain.figure(ReportKeys.R_LOGITS));
        assertEquals(0.95, plain.figure(ReportKeys.R_TOTAL));
        Variant pass = VariantReader.read(json("{\"bits\": 4, \"solver\": \"gptq\", \"r_total\": 40, " + layers
                + ", \"output_pass\": {\"r_layers_after\": [39.8, 0.2]}}")).orElseThrow();
        assertEquals(0.2, pass.figure(ReportKeys.R_LOGITS), "the pass rewrote the last layer after its record");
        Variant older = VariantReader.read(json("{\"bits\": 4, \"solver\": \"gptq\", " + layers
                + ", \"output_pass\": {\"r_after\": 1.2}}")).orElseThrow();
        assertTrue(Double.isNaN(older.figure(ReportKeys.R_LOGITS)), "a pass's line from before the field");
        assertTrue(Metric.LOGITS_RECONSTRUCTION.presentIn(List.of(plain, older)));
        assertEquals(0.225, Metric.LOGITS_RECONSTRUCTION.of(List.of(plain, pass, older)).mean(), 1e-12);
    }

    @Test
    void thePassExpectationTableAppearsWithACrossValidatedPassAndLeavesOtherMethodsEmpty() throws Exception {
        Variant gptq = VariantReader.read(json("{\"bits\": 4, \"solver\": \"gptq\"}")).orElseThrow();
        Variant fixed = VariantReader.read(json("{\"bits\": 4, \"solver\": \"gptq\", \"output_pass\":"
                + " {\"lambda\": 1}}")).orElseThrow();
        assertFalse(Metric.EXPECTED_FLIP_RATIO.presentIn(List.of(gptq, fixed)), "no cross-validation, no table");
        Variant chosen = VariantReader.read(json("{\"bits\": 4, \"solver\": \"gptq\", \"output_pass\":"
                + " {\"expected_flip_ratio\": 0.62}}")).orElseThrow();
        assertTrue(Metric.EXPECTED_FLIP_RATIO.presentIn(List.of(gptq, chosen)));
        assertEquals(0.62, Metric.EXPECTED_FLIP_RATIO.of(List.of(chosen)).mean(), 0.0);
        assertTrue(Double.isNaN(Metric.EXPECTED_FLIP_RATIO.of(List.of(gptq)).mean()));
    }

    @Test
    void bandGapTablesAppearOnlyForLinesThatCarryTheMetric() throws Exception {
        Variant newer = VariantReader.read(json("{\"bits\": 3, \"solver\": \"gptq\","
                + " \"test\": {\"band_gap_rms\": 0.66}, \"calibration\": {\"band_gap_rms\": 0.44}}")).orElseThrow();
        Variant older = VariantReader.read(json("{\"bits\": 3, \"solver\": \"gptq\","
                + " \"test\": {\"pair_order_flip\": 0.02}, \"calibration\": {\"pair_order_flip\": 0.01}}"))
                .orElseThrow();
        assertEquals(0.66, Metric.TEST_BAND_GAP_RMS.of(List.of(newer, older)).mean(), 1e-12);
        assertEquals(0.44, Metric.CALIBRATION_BAND_GAP_RMS.of(List.of(newer, older)).mean(), 1e-12);
        assertTrue(Metric.TEST_BAND_GAP_RMS.presentIn(List.of(older, newer)));
        assertFalse(Metric.TEST_BAND_GAP_RMS.presentIn(List.of(older)), "results written before the metric");
        assertFalse(Metric.CALIBRATION_BAND_GAP_RMS.presentIn(List.of(older)));
        assertTrue(Metric.TEST_PAIR_ORDER_FLIP.presentIn(List.of(older)));
        Variant undefined = VariantReader.read(json("{\"bits\": 3, \"solver\": \"gptq\","
                + " \"test\": {\"band_gap_rms\": null}}")).orElseThrow();
        assertTrue(Metric.TEST_BAND_GAP_RMS.presentIn(List.of(older, undefined)), "there but undefined: a table of -");
        assertTrue(Metric.REPORT_TABLES.containsAll(
                List.of(Metric.TEST_BAND_GAP_RMS, Metric.CALIBRATION_BAND_GAP_RMS)));
    }

    @Test
    void meanAndSampleStdLeaveOutUndefinedValues() {
        MeanStd stats = MeanStd.of(1, 2, Double.NaN, 3);
        assertEquals(2, stats.mean(), 1e-12);
        assertEquals(1, stats.std(), 1e-12);
        assertEquals(3, stats.n());
        assertEquals("2.000 ± 1.000", Numbers.meanStd(stats, 3));
        assertEquals("5.00", Numbers.meanStd(MeanStd.of(5), 2));
        assertEquals("n/a", Numbers.meanStd(MeanStd.of(Double.NaN), 2));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void pearsonOfAKnownSample() {
        // x = 1..4, y = 1, 3, 2, 4: covariance 2.5 / 3, both variances 5 / 3, so r = 0.8
        assertEquals(0.8, Pearson.r(new double[] {1, 2, 3, 4, 9}, new double[] {1, 3, 2, 4, Double.NaN}), 1e-12);
        assertEquals(4, Pearson.pairs(new double[] {1, 2, 3, 4, 9}, new double[] {1, 3, 2, 4, Double.NaN}));
        assertTrue(Double.isNaN(Pearson.r(new double[] {1, 1}, new double[] {2, 3})));
        assertTrue(Double.isNaN(Pearson.r(new double[] {1, 2, 5}, new double[] {2, 3, Double.NaN})),
                "two pairs always give +-1: undefined, as stopping.json has it");
    }

    @Test
    void lambdaAxisPutsZeroApartAtTheLeftAndTheRestOnALogScale() {
        LogAxis axis = LogAxis.ticksAtValues(List.of(0.0, 0.1, 1.0, 10.0));
        double zero = axis.fraction(0);
        assertTrue(zero > 0 && zero < axis.breakAt() && axis.breakAt() < axis.fraction(0.1));
        assertEquals(axis.fraction(1) - axis.fraction(0.1), axis.fraction(10) - axis.fraction(1), 1e-12);
        assertTrue(axis.fraction(10) < 1);
        assertEquals(List.of("0", "0.1", "1", "10"), axis.ticks().stream().map(Axis.Tick::label).toList());
    }

    @Test
    void decadeAxisTicksAtZeroAndPowersOfTen() {
        LogAxis axis = LogAxis.ticksAtDecades(List.of(0.0, 0.002, 0.5, 3.0));
        assertEquals(List.of("0", "0.001", "0.01", "0.1", "1", "10"),
                axis.ticks().stream().map(Axis.Tick::label).toList());
        assertTrue(axis.fraction(0) < axis.breakAt() && axis.breakAt() < axis.fraction(0.001));
        assertTrue(axis.fraction(10) < 1);
    }

    @Test
    void linearAxisRoundsOutToNiceTicks() {
        LinearAxis axis = LinearAxis.covering(0.13, 0.92);
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"),
                axis.ticks().stream().map(Axis.Tick::label).toList());
        assertEquals(0.5, axis.fraction(0.5), 1e-12);
        LinearAxis flat = LinearAxis.covering(3, 3);
        assertTrue(flat.fraction(3) > 0 && flat.fraction(3) < 1);
    }

    @Test
    void numbersPrintPlainly() {
        assertEquals("0.001", Numbers.compact(1e-3));
        assertEquals("10", Numbers.compact(10));
        assertEquals("n/a", Numbers.fixed(Double.NaN, 2));
        assertEquals("0.50 → 0.40 (−0.10)", Numbers.change(0.5, 0.4, 2));
        assertEquals("n/a → 0.40", Numbers.change(Double.NaN, 0.4, 2));
        assertEquals("0.4000 → 0.4000 (0.0000)", Numbers.change(0.40001, 0.4, 4), "no sign on a change that rounds to 0");
        assertEquals("0.1235", Numbers.significant(0.123456, 4));
    }

    @Test
    void chartsEscapeTextAndBreakLinesAtMissingValues() {
        String svg = new SvgLineChart("a <b> & c", "x", "y", LinearAxis.covering(0, 2), false)
                .add(new SvgLineChart.Series("s", 0, new double[] {0, 1, 2}, new double[] {1, Double.NaN, 3}))
                .render();
        assertTrue(svg.startsWith("<svg"));
        assertTrue(svg.contains("a &lt;b&gt; &amp; c"));
        // two separate one-point runs: each starts with a move, none draws a line
        String path = svg.substring(svg.indexOf("<path d=\""), svg.indexOf("\" fill=\"none\""));
        assertEquals(2, path.split("M", -1).length - 1);
        assertTrue(!path.contains("L"));
        assertTrue(new SvgLineChart("empty", "x", "y", LinearAxis.covering(0, 1), true).render().contains("no data"));
    }

    /** digits has nine methods for eight colours: pair-search, the ninth, was drawn exactly like nearest. */
    @Test
    void everySeriesOfAChartIsDrawnDistinctlyInThePlotAndTheLegend() {
        SvgLineChart chart = new SvgLineChart("t", "x", "y", LinearAxis.covering(0, 1), false);
        int n = SeriesStyle.PALETTE.size() + 2;
        for (int k = 0; k < n; k++) {
            chart.add(new SvgLineChart.Series("method " + k, k, new double[] {0, 1}, new double[] {k, k + 1}));
        }
        String svg = chart.render();
        Pattern stroke = Pattern.compile("stroke=\"(#[0-9A-F]{6})\" stroke-width=\"(1\\.8|3)\""
                + "(?: stroke-dasharray=\"([0-9 ]+)\")?");
        List<String> lines = stroke.matcher(svg).results().filter(m -> m.group(2).equals("1.8"))
                .map(m -> m.group(1) + " " + m.group(3)).toList();
        List<String> legend = stroke.matcher(svg).results().filter(m -> m.group(2).equals("3"))
                .map(m -> m.group(1) + " " + m.group(3)).toList();
        assertEquals(n, lines.size(), svg);
        assertEquals(n, new HashSet<>(lines).size(), "two lines look alike: " + lines);
        assertEquals(lines, legend, "the legend draws each line as the plot does");
        // where points are marked, the wrap-around also changes the marker's shape, in the legend too
        String marked = new SvgLineChart("t", "x", "y", LinearAxis.covering(0, 1), true)
                .add(new SvgLineChart.Series("first", 0, new double[] {0}, new double[] {1}))
                .add(new SvgLineChart.Series("ninth", SeriesStyle.PALETTE.size(), new double[] {1}, new double[] {1}))
                .render();
        assertEquals(2, count(marked, "<circle"), marked);
        assertEquals(2, count(marked, "width=\"6.4\" height=\"6.4\""), "square markers: " + marked);
        String scatter = new SvgLineChart("t", "x", "y", LinearAxis.covering(0, 1), true, SvgLineChart.Join.NONE)
                .add(new SvgLineChart.Series("s", 0, new double[] {0, 1}, new double[] {0, 1})).render();
        assertFalse(scatter.contains("<path") || scatter.contains("stroke-width=\"3\""), "no line in a scatter plot,"
                + " nor in its legend: " + scatter);
        assertEquals(3, count(scatter, "<circle"), "two points and the legend's marker");
    }

    @Test
    void anytimeTracesAreStepsOfJOverRoundToNearestsJ() throws Exception {
        String trace = "{\"bits\": 4, \"solver\": \"greedy\", \"seed\": 0, \"layers\": [{\"layer\": 0,"
                + " \"trace\": [[0, 0, 1.0], [0.5, 1, 0.8], [2, 2, 0.2]]}]}";
        String svg = AnytimeCurves.charts(new Results(List.of(VariantReader.read(json(trace)).orElseThrow())))
                .orElseThrow().svgs().get(0);
        assertTrue(svg.contains(">J / J of round-to-nearest</text>"), svg);
        String path = svg.substring(svg.indexOf("<path d=\"") + 9, svg.indexOf("\" fill=\"none\""));
        assertTrue(path.matches("M[0-9.]+ [0-9.]+ H[0-9.]+ V[0-9.]+ H[0-9.]+ V[0-9.]+"), path);
        String lambda = new SvgLineChart("t", "lambda", "y", LinearAxis.covering(0, 1), true)
                .add(new SvgLineChart.Series("s", 0, new double[] {0, 1}, new double[] {0, 1})).render();
        assertTrue(lambda.contains(" L"), "other charts keep straight lines");
    }

    /** 8-bit figures read 0.0004 ± 0.0000 with 4 decimals; tooltips printed counts as 306.0000. */
    @Test
    void smallFiguresKeepThreeSignificantDigitsAndCountsNoDecimals() {
        assertEquals("0.000412", Numbers.figure(0.00041234, 4));
        assertEquals("0.000400", Numbers.figure(0.0004, 4));
        assertEquals("0.0422", Numbers.figure(0.0422, 4));
        assertEquals("0.0000", Numbers.figure(0, 4));
        assertEquals("-0.0012", Numbers.figure(-0.00123, 4), "two digits at 4 decimals");
        assertEquals("-0.000987", Numbers.figure(-0.000987, 4));
        assertEquals("0.0010", Numbers.figure(0.0009996, 4), "judged after rounding");
        assertEquals("1 s", Numbers.seconds(0.9996), "not 1000 ms");
        assertEquals("0.000000123", Numbers.figure(1.23e-7, 4), "never E-notation");
        assertEquals("0.000807 ± 0.000040", Numbers.meanStd(MeanStd.of(0.00077, 0.00080, 0.00085), 4),
                "the std to the mean's decimals");
        assertEquals("0.9500 ± 0.0000", Numbers.meanStd(MeanStd.of(0.95, 0.95), 4));
        assertEquals("0.000510 ± 0.0000", Numbers.meanStd(MeanStd.of(0.00051, 0.00051), 4), "no six zeros");
        assertEquals("0.0022 → 0.0011 (−0.0011)", Numbers.change(0.0022, 0.0011, 4));
        assertEquals("0.0022 → 0.000400 (−0.001800)", Numbers.change(0.0022, 0.0004, 4));
        assertEquals("306", Numbers.point(306.0));
        assertEquals("0.8000", Numbers.point(0.8));
        assertEquals("136 ns", Numbers.seconds(1.36323e-7));
        assertEquals("547 µs", Numbers.seconds(5.46894e-4));
        assertEquals("12.3 ms", Numbers.seconds(0.01234));
        assertEquals("2.5 s", Numbers.seconds(2.5));
        assertEquals("0 s", Numbers.seconds(0));
        String counts = new SvgLineChart("t", "t", "cells", LinearAxis.covering(0, 1), true)
                .add(new SvgLineChart.Series("b3-b4", 0, new double[] {0.05}, new double[] {306})).render();
        assertTrue(counts.contains("<title>b3-b4: x = 0.05, y = 306</title>"), counts);
        String svg = AnytimeCurves.charts(new Results(List.of(VariantReader.read(SyntheticRun.MAPPER.createObjectNode()
                .put("bits", 4).put("solver", "nearest").set("layers", SyntheticRun.MAPPER.createArrayNode()
                        .add(SyntheticRun.MAPPER.createObjectNode().put("layer", 0).set("trace",
                                SyntheticRun.MAPPER.createArrayNode().add(SyntheticRun.MAPPER.createArrayNode()
                                        .add(1.36323e-7).add(0).add(1.0)))))).orElseThrow())))
                .orElseThrow().svgs().get(0);
        assertTrue(svg.contains("<title>nearest: x = 136 ns, y = 1</title>"), svg);
    }

    /** At 800 px a nine-method table overflowed the page and "mean ± std" wrapped onto three lines. */
    @Test
    void tablesScrollInsideThePageAndValuesStayOnOneLine() {
        String html = new Table("t", List.of("bits", "gptq"), List.of(List.of("4", "0.9756 ± 0.0013"))).toHtml();
        assertTrue(html.startsWith("<div class=\"table-scroll\"><table>") && html.endsWith("</table></div>\n"), html);
        assertTrue(html.contains("<td class=\"num\">0.9756 ± 0.0013</td>"));
        assertTrue(HtmlReport.CSS.contains(".table-scroll { overflow-x: auto;"));
        assertTrue(Pattern.compile("td\\.num, td\\.na \\{[^}]*white-space: nowrap;").matcher(HtmlReport.CSS).find());
    }

    /** cat.yaml's tables showed the rounding's R under +affine and +cat as if it were the corrected model's. */
    @Test
    void correctedColumnsSayTheirRIsTheRoundingsAndTheirLogitErrorIsTabulated() throws Exception {
        String layers = "\"layers\": [{\"layer\": 0, \"r\": 23.3}, {\"layer\": 1, \"r\": 86.6755}],"
                + " \"r_total\": 109.9765, \"objective\": {\"kind\": \"reconstruction\", \"lambda\": 0}";
        List<Variant> variants = new java.util.ArrayList<>();
        variants.add(VariantReader.read(json("{\"id\": \"b2/nearest\", \"index\": 0, \"bits\": 2, \"seed\": 0,"
                + " \"solver\": \"nearest\", " + layers + "}")).orElseThrow());
        for (String[] c : new String[][] {{"affine", "45.2060"}, {"cat", "36.5640"}}) {
            variants.add(VariantReader.read(json("{\"id\": \"b2/nearest+" + c[0] + "\", \"index\": " + variants.size()
                    + ", \"bits\": 2, \"seed\": 0, \"solver\": \"nearest\", \"solver_label\": \"nearest+" + c[0]
                    + "\", \"correction\": {\"name\": \"" + c[0] + "\", \"label\": \"" + c[0] + "\","
                    + " \"calibration_error_before\": 86.6755, \"calibration_error_after\": " + c[1] + "}, " + layers
                    + "}")).orElseThrow());
        }
        Results results = new Results(variants);
        Table logits = MetricTables.table(results, Metric.LOGITS_RECONSTRUCTION);
        assertEquals(List.of("2", "86.6755", "86.6755", "86.6755"), logits.rows().get(0));
        assertTrue(logits.caption().contains("one seed; the best mean of each width marked, lower is better). The"
                + " rounding's own figure, before any correction: a"
                + " correction of the logits changes no weight, so the +affine and +cat columns repeat their"
                + " rounding's value"), logits.caption());
        assertTrue(MetricTables.table(results, Metric.RECONSTRUCTION).caption().contains("before any correction"));
        assertFalse(MetricTables.table(results, Metric.TEST_ACCURACY).caption().contains("correction"),
                "the test metrics are the corrected models' own");
        Table errors = MetricTables.correctionTable(results).orElseThrow();
        assertEquals(List.of("bits", "nearest+affine", "nearest+cat"), errors.header());
        assertEquals(List.of("2", "86.6755 → 45.2060", "86.6755 → 36.5640"),
                errors.rows().get(0));
        assertEquals(Optional.empty(), MetricTables.correctionTable(new Results(variants.subList(0, 1))));
        assertFalse(MetricTables.table(new Results(variants.subList(0, 1)), Metric.LOGITS_RECONSTRUCTION).caption()
                .contains("correction"), "a study without corrections needs no such word");
    }

    @Test
    void tablesRejectRaggedRowsAndEscapeMarkdown() {
        assertThrows(IllegalArgumentException.class,
                () -> new Table("t", List.of("a", "b"), List.of(List.of("1"))));
        String md = new Table("t", List.of("a"), List.of(List.of("x|y"))).toMarkdown();
        assertTrue(md.contains("| x\\|y |"));
    }

    @Test
    void stoppingFileMayHoldOneReportOrOnePerSolver() throws Exception {
        String report = "{\"candidates\": [], \"jaccard_pearson_r\": 0.5, \"selected_by_accuracy\": null}";
        List<StoppingRun> single = StoppingRun.read(json(report));
        assertEquals(1, single.size());
        assertEquals("", single.get(0).name());
        assertEquals("none qualified", single.get(0).selections().rows().get(0).get(1));
        List<StoppingRun> keyed = StoppingRun.read(json("{\"gptq\": " + report + ", \"nearest\": " + report
                + ", \"note\": 3}"));
        assertEquals(List.of("gptq", "nearest"), keyed.stream().map(StoppingRun::name).toList());
        assertEquals("nearest", StoppingRun.preferred(keyed).name());
        assertTrue(StoppingRun.read(json("[1, 2]")).isEmpty());
    }

    @Test
    void interpolationFileMayBeAListAMapOrOneReport() throws Exception {
        assertEquals(List.of("b3-b4", "#2"), Transition.read(json(
                "[{\"low_bits\": 3, \"high_bits\": 4, \"steps\": 2}, {\"steps\": 2}]")).stream()
                .map(Transition::name).toList());
        assertEquals(List.of("b4-b5"), Transition.read(json("{\"b4-b5\": {\"changed_cells\": 3}}")).stream()
                .map(Transition::name).toList());
        List<Transition> one = Transition.read(json("{\"changed_cells\": 3,"
                + " \"changed_cells_in_reconfigured_junctions\": 2}"));
        assertEquals(1, one.size());
        assertEquals(2, one.get(0).changedInReconfigured());
        assertEquals(Optional.empty(), Transition.chart(one));
    }

    @Test
    void variantsWithoutBitsOrSolverAreLeftOutAndTracesAreRead() throws Exception {
        assertTrue(VariantReader.read(json("{\"solver\": \"gptq\"}")).isEmpty());
        Variant v = VariantReader.read(json("{\"bits\": 4, \"solver\": \"greedy\", \"objective\": {\"lambda\": null},"
                + " \"layers\": [{\"layer\": 1, \"trace\": [[0, 0, 1.0], {\"seconds\": 0.5, \"value\": 0.7}]},"
                + " {\"layer\": 2, \"trace\": []}]}")).orElseThrow();
        assertEquals(0, v.lambda());
        assertEquals(ReportKeys.KIND_RECONSTRUCTION, v.kind());
        assertEquals(1, v.traces().size());
        assertEquals(0.5, v.traces().get(0).seconds()[1]);
        assertEquals(0.7, v.traces().get(0).value()[1]);
    }

    @Test
    void oneSolverUnderTwoSettingsGetsTwoColumns() throws Exception {
        Variant tabu = VariantReader.read(json("{\"bits\": 4, \"solver\": \"local-search\","
                + " \"solver_options\": {\"algorithm\": \"tabu\"}}")).orElseThrow();
        Variant late = VariantReader.read(json("{\"bits\": 4, \"solver\": \"local-search\","
                + " \"solver_options\": {\"algorithm\": \"late-acceptance\"}}")).orElseThrow();
        Variant gptq = VariantReader.read(json("{\"bits\": 4, \"solver\": \"gptq\", \"grid\": \"mse\"}"))
                .orElseThrow();
        List<String> labels = MethodLabels.label(List.of(tabu, late, gptq)).stream().map(Variant::method).toList();
        assertEquals(List.of("local-search [algorithm=tabu]", "local-search [algorithm=late-acceptance]", "gptq"),
                labels);
    }

    /** Results of a per-row and a group-wise run in one folder: never averaged into one column. */
    @Test
    void perRowAndGroupWiseRunsOfOneSolverGetTwoColumns() throws Exception {
        Variant rows = VariantReader.read(json("{\"bits\": 4, \"solver\": \"gptq\", \"grid\": \"absmax\","
                + " \"group_size\": 0}")).orElseThrow();
        Variant older = VariantReader.read(json("{\"bits\": 4, \"solver\": \"gptq\", \"grid\": \"absmax\"}"))
                .orElseThrow();
        Variant groups = VariantReader.read(json("{\"bits\": 4, \"solver\": \"gptq\", \"grid\": \"absmax\","
                + " \"group_size\": 32}")).orElseThrow();
        assertEquals("absmax", older.grid(), "a line from before group sizes is per row");
        assertEquals(List.of("gptq [grid=absmax]", "gptq [grid=absmax]", "gptq [grid=absmax/g32]"),
                MethodLabels.label(List.of(rows, older, groups)).stream().map(Variant::method).toList());
        assertEquals(List.of("gptq", "gptq"), MethodLabels.label(List.of(rows, older)).stream()
                .map(Variant::method).toList());
    }

    /** digits.yaml's two coordinate-descent entries: the config's labels name the columns, not long option lists. */
    @Test
    void labelledConfigEntriesOfOneSolverAreColumnsByTheirLabels() throws Exception {
        Variant plain = VariantReader.read(json("{\"bits\": 4, \"solver\": \"coordinate-descent\", \"solver_label\":"
                + " \"coordinate-descent\", \"solver_options\": {\"order\": \"random\", \"start\": \"rtn\"}}"))
                .orElseThrow();
        Variant fromGptq = VariantReader.read(json("{\"bits\": 4, \"solver\": \"coordinate-descent\","
                + " \"solver_label\": \"cd-from-gptq\", \"solver_options\": {\"order\": \"cyclic\","
                + " \"start\": \"gptq\"}}")).orElseThrow();
        Variant otherRun = VariantReader.read(json("{\"bits\": 4, \"solver\": \"coordinate-descent\","
                + " \"solver_label\": \"cd-from-gptq\", \"solver_options\": {\"order\": \"cyclic\","
                + " \"start\": \"rtn\"}}")).orElseThrow();
        assertEquals(List.of("coordinate-descent", "cd-from-gptq"), MethodLabels.label(List.of(plain, fromGptq))
                .stream().map(Variant::method).toList());
        assertEquals(List.of("cd-from-gptq [order=cyclic, start=gptq]", "cd-from-gptq [order=cyclic, start=rtn]"),
                MethodLabels.label(List.of(fromGptq, otherRun)).stream().map(Variant::method).toList(),
                "one label under two settings still gets two columns");
    }

    @Test
    void anytimeCurvesPreferFourBitsAndGoLogarithmicWhenTimesSpanDecades() throws Exception {
        String fast = "{\"bits\": 4, \"solver\": \"greedy\", \"seed\": 3, \"layers\": [{\"layer\": 0,"
                + " \"trace\": [[0, 0, 1.0], [0.001, 1, 0.9], [0.002, 2, 0.8]]}]}";
        String slow = "{\"bits\": 4, \"solver\": \"local-search\", \"seed\": 3, \"layers\": [{\"layer\": 0,"
                + " \"trace\": [[0, 0, 1.0], [1, 5, 0.7], [5, 9, 0.6]]}]}";
        String otherBits = "{\"bits\": 8, \"solver\": \"greedy\", \"seed\": 1, \"layers\": [{\"layer\": 0,"
                + " \"trace\": [[0, 0, 1.0], [0.1, 1, 0.9]]}]}";
        List<Variant> variants = List.of(VariantReader.read(json(fast)).orElseThrow(),
                VariantReader.read(json(slow)).orElseThrow(), VariantReader.read(json(otherBits)).orElseThrow());
        ChartGroup group = AnytimeCurves.charts(new Results(variants)).orElseThrow();
        assertEquals("4 bits, seed 3, lambda = 0", group.heading());
        assertEquals(1, group.svgs().size());
        assertTrue(group.svgs().get(0).contains("seconds (log scale; 0 at left)"));
        assertTrue(group.svgs().get(0).contains(">local-search<"));
        assertEquals(Optional.empty(), AnytimeCurves.charts(new Results(List.of())));
        // a corrected twin shares the rounding's curve: drawn once, under the rounding's name
        String corrected = slow.replace("\"solver\": \"local-search\",", "\"solver\": \"local-search\","
                + " \"solver_label\": \"local-search+cat\", \"correction\": {\"name\": \"cat\"},");
        List<Variant> withTwin = List.of(VariantReader.read(json(fast)).orElseThrow(),
                VariantReader.read(json(slow)).orElseThrow(), VariantReader.read(json(corrected)).orElseThrow());
        String svg = AnytimeCurves.charts(new Results(withTwin)).orElseThrow().svgs().get(0);
        assertTrue(svg.contains(">local-search<") && !svg.contains("local-search+cat"), svg);
    }

    @Test
    void longTracesAreThinnedKeepingTheLastPoint() {
        int n = 1000;
        double[] t = new double[n];
        double[] j = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
            j[i] = -i;
        }
        LayerTrace thin = AnytimeCurves.thin(new LayerTrace(0, t, j));
        assertTrue(thin.seconds().length <= AnytimeCurves.MAX_POINTS + 1);
        assertEquals(n - 1, thin.seconds()[thin.seconds().length - 1]);
        assertEquals(0, thin.seconds()[0]);
    }
    @Test
    void surrogateSettingsOtherThanTheDefaultsFormTheirOwnSweeps() throws Exception {
        List<Variant> variants = new java.util.ArrayList<>();
        String[] objectives = {"{\"kind\": \"hinge\", \"lambda\": 1, \"band\": 0.2, \"gamma\": 0.5}",
            "{\"kind\": \"hinge\", \"lambda\": 1, \"band\": 0.2, \"gamma\": 0.25}",
            "{\"kind\": \"hinge\", \"lambda\": 1, \"band\": 0.4, \"gamma\": 0.25}",
            "{\"kind\": \"gap\", \"lambda\": 1, \"band\": 0.2, \"gamma\": 0.25}"};
        for (String objective : objectives) {
            variants.add(VariantReader.read(SyntheticRun.MAPPER.readTree("{\"bits\": 3, \"solver\": \"cd\","
                    + " \"objective\": " + objective + "}")).orElseThrow());
        }
        assertEquals(List.of("hinge", "hinge gamma 0.25", "hinge beta 0.4 gamma 0.25", "gap"),
                variants.stream().map(Variant::kind).toList(), "gamma is the hinge's alone");
        assertEquals(4, new Results(variants).sweeps().size());
        // no lambda = 0 variant of solver cd: each sweep is said to be left out, not dropped silently
        List<String> uncompared = BoundaryGap.uncompared(new Results(variants));
        assertEquals(4, uncompared.size(), uncompared.toString());
        assertTrue(uncompared.get(0).startsWith("Not compared: cd with "), uncompared.get(0));
        variants.add(VariantReader.read(SyntheticRun.MAPPER.readTree("{\"bits\": 3, \"solver\": \"cd\","
                + " \"objective\": {\"kind\": \"reconstruction\", \"lambda\": 0}}")).orElseThrow());
        assertEquals(List.of(), BoundaryGap.uncompared(new Results(variants)));
        // a tuner reads every lambda of every sweep, calibration columns first
        Table sweeps = BoundaryGap.sweepTable(new Results(variants));
        assertEquals(8, sweeps.rows().size(), sweeps.rows().toString());
        assertEquals(List.of("bits", "solver", "surrogate", "lambda", "calibration band pair-order flip"),
                sweeps.header().subList(0, 5));
        assertEquals(List.of("3", "cd", "gap", "0 (baseline)"), sweeps.rows().get(0).subList(0, 4),
                "sorted by kind");
    }
}
