package org.barq.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final double NAN = Double.NaN;

    @TempDir
    Path dir;

    /**
     * nearest at 4 bits: test accuracy 0.90 and 0.94 over two seeds, so mean 0.9200 and sample std
     * sqrt(2 * 0.02^2 / 1) = 0.0283. coordinate-descent's hinge sweep at 4 bits: lambda 1 has the lowest mean
     * calibration pair-order flip (0.10; lambda 10's held-out 0.18 is lower, but the choice is made on calibration),
     * cuts the held-out one (0.36 to 0.21) and the Jaccard (0.81 to 0.71). At 3 bits the sweep cuts
     * the calibration pair-order flip but not the held-out one.
     */
    private void writeFullRun() throws IOException {
        new SyntheticRun()
                .variant(4, "nearest", "reconstruction", 0, 1, 0.90, 0.05, 0.30, 0.95, 0.90, 0.30, true)
                .variant(4, "nearest", "reconstruction", 0, 2, 0.94, 0.03, 0.34, 0.97, 0.92, 0.30, true)
                .variant(8, "nearest", "reconstruction", 0, 1, 0.975, 0.0, 0.01, 0.40, 0.41, 0.01, false)
                .variant(8, "nearest", "reconstruction", 0, 2, 0.975, 0.0, 0.01, 0.44, 0.41, 0.01, false)
                .variant(4, "coordinate-descent", "reconstruction", 0, 1, 0.95, 0.02, 0.36, 0.80, 0.78, 0.30, true)
                .variant(4, "coordinate-descent", "reconstruction", 0, 2, 0.95, 0.02, 0.36, 0.82, 0.80, 0.30, true)
                .variant(4, "coordinate-descent", "hinge", 0.1, 1, 0.95, 0.02, 0.33, 0.78, 0.75, 0.25, false)
                .variant(4, "coordinate-descent", "hinge", 0.1, 2, 0.95, 0.02, 0.33, 0.78, 0.75, 0.25, false)
                .variant(4, "coordinate-descent", "hinge", 1, 1, 0.94, 0.02, 0.20, 0.70, 0.70, 0.10, false)
                .variant(4, "coordinate-descent", "hinge", 1, 2, 0.94, 0.02, 0.22, 0.72, 0.70, 0.10, false)
                .variant(4, "coordinate-descent", "hinge", 10, 1, 0.90, 0.05, 0.18, 0.60, 0.60, 0.15, false)
                .variant(3, "coordinate-descent", "reconstruction", 0, 1, NAN, 0.10, 0.40, NAN, 0.95, 0.40, false)
                .variant(3, "coordinate-descent", "hinge", 0.5, 1, 0.80, 0.12, 0.45, 0.90, 0.85, 0.20, false)
                .raw("{\"id\": \"truncated")
                .raw("{\"bits\": 5, \"solver\": \"gptq\", \"test\": {\"accuracy_rounded\": NaN,"
                        + " \"boundary_jaccard\": 0.5}}")
                .writeResults(dir);
        SyntheticRun.writeStopping(dir);
        SyntheticRun.writeInterpolation(dir);
        SyntheticRun.writeProvenance(dir);
        // listed out of the study's order, which the report restores
        SyntheticRun.writeSlices(dir, true, "b4/coordinate-descent/hinge/l10.0/s1",
                "b4/coordinate-descent/reconstruction/l0.0/s1", "b4/nearest/reconstruction/l0.0/s1");
    }

    @Test
    void writesBothFilesWithEverySectionOffline() throws IOException {
        writeFullRun();
        ReportFiles files = ReportWriter.write(dir);
        assertEquals(dir.resolve("report.html"), files.html());
        assertEquals(dir.resolve("summary.md"), files.summary());
        String html = Files.readString(files.html());
        for (String forbidden : List.of("http://", "https://", "<script", "<link", "@import", "url(")) {
            assertFalse(html.contains(forbidden), "the report must open offline but holds " + forbidden);
        }
        for (String title : List.of(SectionTitles.PROVENANCE, SectionTitles.TABLES, SectionTitles.LAMBDA,
                SectionTitles.BOUNDARY_GAP, SectionTitles.ANYTIME, SectionTitles.SLICES, SectionTitles.INTERPOLATION,
                SectionTitles.STOPPING, SectionTitles.CLAIMS, SectionTitles.CONFIG)) {
            assertTrue(html.contains("\">" + Html.escape(title) + "</h2>"), "section " + title);
        }
        assertFalse(html.contains(SectionTitles.NOT_RUN + ":"), "every input is there, no section is 'not run'");
        assertTrue(count(html, "<svg") >= 3 + 2 + 1, "lambda, anytime and interpolation charts");
        assertTrue(html.contains("layer 0: J vs time") && html.contains("layer 1: J vs time"));
        assertTrue(html.contains("data:image/png;base64,"));
        assertTrue(html.contains("<figcaption>4 bits, nearest, lambda 0, seed 1 — rounded</figcaption>"), html);
    }

    /**
     * The slices follow the tables' method order (nearest, then coordinate-descent at lambda 0 and its sweep), the
     * float slice that every variant shares comes once, and the interpolation's pictures are in their own section,
     * t = 0 first, whatever order the manifests list them in.
     */
    @Test
    void picturesAreInTheirSectionsInTheStudysOrderWithCaptionsInWords() throws IOException {
        writeFullRun();
        String html = readHtml(ReportWriter.write(dir));
        String slices = html.substring(html.indexOf("id=\"slices\""), html.indexOf("id=\"interpolation\""));
        List<String> captions = captions(slices);
        assertEquals(List.of("float model: the same for every variant below",
                "4 bits, nearest, lambda 0, seed 1 — rounded",
                "4 bits, nearest, lambda 0, seed 1 — boundaries, float and rounded",
                "4 bits, coordinate-descent, lambda 0, seed 1 — rounded",
                "4 bits, coordinate-descent, lambda 0, seed 1 — boundaries, float and rounded",
                "4 bits, coordinate-descent, hinge, lambda 10, seed 1 — rounded",
                "4 bits, coordinate-descent, hinge, lambda 10, seed 1 — boundaries, float and rounded"), captions);
        String interpolation = html.substring(html.indexOf("id=\"interpolation\""), html.indexOf("id=\"stopping\""));
        assertEquals(List.of("3 → 4 bits (nearest, seed 1): t = 0, the 3-bit rounding",
                "3 → 4 bits (nearest, seed 1): t = 1, the 4-bit rounding",
                "3 → 4 bits (nearest, seed 1): the t at which each cell&#39;s label first changes"),
                captions(interpolation));
    }

    @Test
    void floatSlicesThatDifferAreShownWithTheirVariants() throws IOException {
        writeFullRun();
        SyntheticRun.writeSlices(dir, false, "b4/nearest/reconstruction/l0.0/s1",
                "b4/coordinate-descent/reconstruction/l0.0/s1");
        List<String> captions = captions(readHtml(ReportWriter.write(dir)));
        assertEquals(List.of("4 bits, nearest, lambda 0, seed 1 — float model",
                "4 bits, nearest, lambda 0, seed 1 — rounded"), captions.subList(0, 2));
        assertTrue(captions.contains("4 bits, coordinate-descent, lambda 0, seed 1 — float model"), captions.toString());
    }

    @Test
    void tablesHoldTheSeedMeansAndStds() throws IOException {
        writeFullRun();
        String html = readHtml(ReportWriter.write(dir));
        // test accuracy at 4 bits: nearest 0.9200 ± 0.0283, coordinate-descent 0.9500 ± 0.0000, gptq absent
        assertTrue(html.contains("<tr><td>4</td><td>0.9200 ± 0.0283</td><td class=\"best\">0.9500 ± 0.0000</td>"
                + "<td class=\"na\">n/a</td></tr>"), html);
        // 3 bits: the only accuracy is null, so n/a; 5 bits: gptq's NaN literal accuracy is n/a, its Jaccard is read
        assertTrue(html.contains("<tr><td>3</td><td class=\"na\">n/a</td><td class=\"na\">n/a</td>"
                + "<td class=\"na\">n/a</td></tr>"));
        assertTrue(html.contains("<tr><td>5</td><td class=\"na\">n/a</td><td class=\"na\">n/a</td>"
                + "<td>0.5000</td></tr>"));
        // the lambda = 0 cell of coordinate-descent uses the reconstruction runs, not the sweep
        assertTrue(html.contains("<tr><td>4</td><td>0.9600 ± 0.0141</td><td class=\"best\">0.8100 ± 0.0141</td>"),
                "a distance: the lower is marked best");
        assertTrue(html.contains("1 line(s) of results.jsonl were unreadable"));
        assertTrue(html.contains("digits-synthetic") && html.contains("d1g175") && html.contains("1234abc")
                && html.contains("17.0.9") && html.contains("name: Linux"));
    }

    @Test
    void claimsTableHoldsReferenceAndRunValues() throws IOException {
        writeFullRun();
        String html = readHtml(ReportWriter.write(dir));
        assertRow(html, "8-bit rounding kept every test label (test flip rate)", "0", "0.0000");
        assertRow(html, "8-bit slice-boundary Jaccard", "0.428", "0.4200");
        assertRow(html, "4-bit test accuracy", "0.9733", "0.9200");
        assertRow(html, "4-bit slice-boundary Jaccard", "0.970", "0.9600");
        assertRow(html, "4-bit median boundary displacement", "0.0290", "0.0300");
        assertTrue(html.contains("<td>12, 34, 17</td><td>b3-b4: 13, b4-b5: 29</td>"));
        assertTrue(html.contains("<td>0.0094 → 0.0022</td><td>0.0123 → 0.0011</td>"), "4 decimals from 0.001 up");
        assertTrue(html.contains("<td>0.825 → 0.524</td><td>0.910 → 0.430</td>"));
        assertTrue(html.contains("<td>0.947 … 0.994</td><td>0.961</td>"));
        assertTrue(html.contains("<td>0.457 → 0.435 (CIFAR-10)</td><td>0.810 → 0.710</td>"));
        assertTrue(html.contains("<td>0.3600 → 0.3558 (CIFAR-10)</td><td>0.3600 → 0.2100</td>"));
    }

    @Test
    void boundaryGapSectionStatesWhetherBothWereCut() throws IOException {
        writeFullRun();
        String html = readHtml(ReportWriter.write(dir));
        assertTrue(html.contains("Yes at 4 bits: the best lambda cut both"), html);
        assertTrue(html.contains("coordinate-descent / hinge at lambda 1, pair-order flip 0.3600 → 0.2100"
                + " (−0.1500)"));
        assertTrue(html.contains("No at 3 bits"));
        assertTrue(html.contains("At 3 bits the calibration band&#39;s pair-order flip fell but the held-out one did"
                + " not for coordinate-descent / hinge"));
    }

    /**
     * At 4 bits nearest's test band pair-order flip is (0.30 + 0.34) / 2 = 0.32, coordinate-descent's 0.36 at
     * lambda = 0 (its hinge sweep, better still, is not pure reconstruction and does not compete); gptq has no 4-bit
     * variant. So nearest wins by 0.04 despite its lower accuracy, and both files say so above everything else.
     */
    @Test
    void theHeadlineNamesTheWinnerTheRunnerUpAndTheRule() throws IOException {
        writeFullRun();
        ReportFiles files = ReportWriter.write(dir);
        String expected = "At 4 bits nearest kept the most decisions near the boundary: test band pair-order flip"
                + " 0.3200, test accuracy 0.9200; next coordinate-descent with 0.3600 (0.0400 more), accuracy"
                + " 0.9500. Ranked by the test band pair-order flip at lambda = 0 (mean over seeds), ties by test"
                + " accuracy.";
        String html = readHtml(files);
        assertTrue(html.contains("<p class=\"headline\">" + expected + "</p>"), html);
        assertTrue(html.indexOf("class=\"headline\"") < html.indexOf("<nav>"), "the headline comes first");
        String md = Files.readString(files.summary());
        assertTrue(md.contains("**" + expected + "**"), md);
    }

    @Test
    void methodsThatTieAreNamedTogether() throws IOException {
        new SyntheticRun()
                .variant(4, "nearest", "reconstruction", 0, 1, 0.90, 0.05, 0.30, 0.95, 0.90, 0.30, false)
                .variant(4, "greedy", "reconstruction", 0, 1, 0.95, 0.02, 0.10, 0.80, 0.78, 0.30, false)
                .variant(4, "gptq", "reconstruction", 0, 1, 0.95, 0.02, 0.10, 0.80, 0.78, 0.30, false)
                .variant(4, "adaround", "reconstruction", 0, 1, 0.95, 0.02, 0.10, 0.80, 0.78, 0.30, false)
                .writeResults(dir);
        String md = Files.readString(ReportWriter.write(dir).summary());
        assertTrue(md.contains("**At 4 bits adaround, gptq and greedy tied for the fewest test band pair-order flips,"
                + " 0.1000, test accuracy 0.9500; next nearest with 0.3000 (0.2000 more), accuracy 0.9000. Ranked by"
                + " the test band pair-order flip at lambda = 0 (one seed), ties by test accuracy.**"), md);
    }

    /**
     * Each width's best mean is marked (bold in Markdown, shaded in HTML), ties alike; a width where every method has
     * the same figure marks none.
     */
    @Test
    void theBestMeanOfEachWidthIsMarkedTiesAlike() throws IOException {
        new SyntheticRun()
                .variant(4, "greedy", "reconstruction", 0, 1, 0.9756, 0.02, 0.0111, 0.5, 0.5, 0.01, false)
                .variant(4, "adaround", "reconstruction", 0, 1, 0.9756, 0.03, 0.0111, 0.5, 0.5, 0.01, false)
                .variant(4, "nearest", "reconstruction", 0, 1, 0.9711, 0.05, 0.0556, 0.9, 0.9, 0.05, false)
                .variant(8, "greedy", "reconstruction", 0, 1, 0.9778, 0, 0, 0.5, 0.5, 0, false)
                .variant(8, "adaround", "reconstruction", 0, 1, 0.9778, 0, 0, 0.5, 0.5, 0, false)
                .variant(8, "nearest", "reconstruction", 0, 1, 0.9778, 0, 0, 0.5, 0.5, 0, false)
                .writeResults(dir);
        String md = Files.readString(ReportWriter.write(dir).summary());
        assertTrue(md.contains("| 4 | **0.9756** | **0.9756** | 0.9711 |"), "accuracy: higher, a tie: " + md);
        assertTrue(md.contains("| 4 | **0.0200** | 0.0300 | 0.0500 |"), "flip rate: lower: " + md);
        assertTrue(md.contains("| 8 | 0.9778 | 0.9778 | 0.9778 |"), "all equal: none marked: " + md);
    }

    /** digits at 4 bits: adaround and greedy share the second place, which neither holds alone. */
    @Test
    void runnersUpThatTieAreNamedTogether() throws IOException {
        new SyntheticRun()
                .variant(4, "pair-search", "reconstruction", 0, 1, 0.977, 0.01, 0.0037, 0.5, 0.5, 0.01, false)
                .variant(4, "greedy", "reconstruction", 0, 1, 0.9756, 0.02, 0.0111, 0.5, 0.5, 0.01, false)
                .variant(4, "adaround", "reconstruction", 0, 1, 0.9756, 0.02, 0.0111, 0.5, 0.5, 0.01, false)
                .variant(4, "nearest", "reconstruction", 0, 1, 0.9711, 0.05, 0.0556, 0.9, 0.9, 0.05, false)
                .writeResults(dir);
        String md = Files.readString(ReportWriter.write(dir).summary());
        assertTrue(md.contains("**At 4 bits pair-search kept the most decisions near the boundary: test band"
                + " pair-order flip 0.0037, test accuracy 0.9770; next adaround and greedy, tied at 0.0111 (0.0074"
                + " more), accuracy 0.9756."), md);
    }

    @Test
    void summaryHoldsTheKeyTables() throws IOException {
        writeFullRun();
        String md = Files.readString(ReportWriter.write(dir).summary());
        assertTrue(md.contains("## " + SectionTitles.TABLES));
        assertTrue(md.contains("| bits | nearest | coordinate-descent | gptq |"));
        assertTrue(md.contains("| 4 | 0.9200 ± 0.0283 | **0.9500 ± 0.0000** | n/a |"), md);
        assertTrue(md.contains("| 5 | n/a | n/a | 0.5000 |"));
        assertTrue(md.contains("| nearest | 4 | 0.0123 | 0.9100 | 8 | 0.0011 | 0.4300 |"), md);
        assertTrue(md.contains("| 4-bit test accuracy | 0.9733 | 0.9200 |"));
        assertTrue(md.contains("**Yes at 4 bits"));
        assertTrue(md.contains("## " + SectionTitles.BOUNDARY_GAP));
    }

    @Test
    void anEmptyFolderGivesAReportOfSectionsNotRun() throws IOException {
        ReportFiles files = ReportWriter.write(dir);
        String html = readHtml(files);
        assertTrue(count(html, SectionTitles.NOT_RUN + ":") >= 7, html);
        assertTrue(html.contains("<td>4-bit test accuracy</td><td>0.9733</td><td class=\"na\">n/a</td>"));
        assertTrue(Files.readString(files.summary()).contains(SectionTitles.NOT_RUN));
    }

    @Test
    void resultsAloneAreEnoughAndMalformedOptionalFilesAreNoted() throws IOException {
        new SyntheticRun()
                .variant(4, "nearest", "reconstruction", 0, 0, 0.9, 0.01, 0.2, 0.5, 0.5, 0.2, false)
                .variant(4, "gptq", "reconstruction", 0, 0, 0.92, 0.01, 0.2, 0.6, 0.55, 0.2, false)
                .writeResults(dir);
        Files.writeString(dir.resolve(ReportKeys.STOPPING_FILE), "{ not json");
        Files.writeString(dir.resolve(ReportKeys.INTERPOLATION_FILE), "[]");
        String html = readHtml(ReportWriter.write(dir));
        assertTrue(html.contains("could not read stopping.json"));
        assertTrue(html.contains(SectionTitles.NOT_RUN + ": no lambda sweep"));
        assertTrue(html.contains(SectionTitles.NOT_RUN + ": interpolation.json"));
        assertTrue(html.contains("<tr><td>4</td><td>0.9000</td><td class=\"best\">0.9200</td></tr>"));
    }

    /** cat.yaml switches stopping and interpolation off: its report said their files "were not found". */
    @Test
    void aStageSwitchedOffInTheConfigIsSaidToBeSoAndAMissingFileStillSaysNotFound() throws IOException {
        new SyntheticRun()
                .variant(4, "nearest", "reconstruction", 0, 0, 0.9, 0.01, 0.2, 0.5, 0.5, 0.2, false)
                .writeResults(dir);
        Files.writeString(dir.resolve(ReportKeys.RESOLVED_CONFIG_FILE), """
                bits: [4]
                stopping: {enabled: false, eps_acc: 0.01}
                interpolation: {enabled: false, pairs: [[3, 4]]}
                outputs: {keep_checkpoints: best, plots: false}
                """);
        ReportFiles files = ReportWriter.write(dir);
        String html = readHtml(files);
        assertTrue(html.contains(SectionTitles.NOT_RUN + ": switched off in the config (stopping.enabled: false)."),
                html);
        assertTrue(html.contains(SectionTitles.NOT_RUN + ": switched off in the config (interpolation.enabled:"
                + " false)."));
        assertTrue(html.contains(SectionTitles.NOT_RUN + ": switched off in the config (outputs.plots: false)."));
        assertFalse(html.contains("was not found"), html);
        assertTrue(Files.readString(files.summary()).contains("switched off in the config (stopping.enabled: false)"));

        Files.writeString(dir.resolve(ReportKeys.RESOLVED_CONFIG_FILE), """
                bits: [4]
                stopping: {enabled: true, eps_acc: 0.01}
                interpolation: {enabled: true, pairs: []}
                outputs: {keep_checkpoints: best, plots: true}
                """);
        html = readHtml(ReportWriter.write(dir));
        assertTrue(html.contains(SectionTitles.NOT_RUN + ": stopping.json was not found."), html);
        assertTrue(html.contains(SectionTitles.NOT_RUN + ": the config names no pair of adjacent bit widths to"
                + " interpolate between (interpolation.pairs is empty)."));
        assertTrue(html.contains(SectionTitles.NOT_RUN + ": plots/slices.json was not found."));
    }

    /** A one-seed run has nothing to average and no std to show, and its captions say so. */
    @Test
    void captionsOfAOneSeedRunSayOneSeed() throws IOException {
        new SyntheticRun()
                .variant(4, "nearest", "reconstruction", 0, 0, 0.9, 0.01, 0.2, 0.5, 0.5, 0.2, false)
                .variant(4, "coordinate-descent", "reconstruction", 0, 0, 0.9, 0.01, 0.2, 0.5, 0.5, 0.2, false)
                .variant(4, "coordinate-descent", "hinge", 1, 0, 0.9, 0.01, 0.1, 0.4, 0.5, 0.1, false)
                .writeResults(dir);
        String html = readHtml(ReportWriter.write(dir));
        assertTrue(html.contains("<caption>Test accuracy (lambda = 0; one seed; the best mean of each width marked,"
                + " higher is better)</caption>"), html);
        assertTrue(html.contains("<h3>4 bits, hinge surrogate (one seed)</h3>"));
        assertTrue(html.contains("against lambda = 0, same solver; one seed</caption>"));
        assertTrue(html.contains("<caption>Every lambda of each sweep (one seed; "));
        assertFalse(html.contains("over seeds") || html.contains("sample std") || html.contains("seed means"), html);
    }

    @Test
    void writingAgainReplacesTheFilesAndLeavesNoTemporaryFile() throws IOException {
        writeFullRun();
        ReportWriter.write(dir);
        ReportWriter.write(dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void aMissingFolderIsBadInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ReportWriter.write(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("Maybe"));
        assertFalse(e.getMessage().contains("\n"));
    }

    /** The report, without the alignment class of numeric cells, which the assertions do not care about. */
    private static String readHtml(ReportFiles files) throws IOException {
        return Files.readString(files.html()).replace(" class=\"num best\"", " class=\"best\"").replace(" class=\"num\"", "");
    }

    private static void assertRow(String html, String claim, String reference, String barq) {
        assertTrue(html.contains("<tr><td>" + claim + "</td><td>" + reference + "</td><td>" + barq + "</td>"),
                "claim row " + claim + " | " + reference + " | " + barq);
    }

    private static List<String> captions(String html) {
        return Pattern.compile("<figcaption>([^<]*)</figcaption>").matcher(html).results().map(m -> m.group(1))
                .toList();
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
