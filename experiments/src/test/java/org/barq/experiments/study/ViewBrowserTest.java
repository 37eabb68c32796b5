package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.interpolation.Interpolator;
import org.barq.experiments.cli.BarqMain;
import org.barq.experiments.study.config.StudyConfig;
import org.barq.experiments.study.config.StudyConfigs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The boundary viewer in a browser: a tiny study writes {@code view.html}; headless Chromium (Debian's {@code chromium}
 * and {@code chromium-driver}) opens it, moves the {@code t} and bits sliders with the keyboard, and the test checks
 * that the drawn pixels change, that the labels read back from the drawn regions (and the hover read-out, which
 * follows the controls) equal the grids barq computes from the run's checkpoints, that the address names the setting
 * and opens it again, that an 800 px window reaches every part, that {@code evaluate --view}'s page of one model has no
 * slider, and that the console stays free of errors.
 *
 * <p>Without Chromium the test is skipped, unless {@code CI_REQUIRE_BROWSER=1} (which {@code .ci/run} sets after
 * installing it), where a missing browser fails.
 */
class ViewBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    // no description: the viewer is then named by its run folder
    private static final String CONFIG = """
            dataset: {spec: digits}
            model: {train: {hidden: [16], epochs: 2, batch_size: 64}}
            bits: [3, 4]
            solvers:
              - name: nearest
            objectives:
              - kind: reconstruction
            seeds: [0]
            evaluation: {slice_grid: 40, interpolation_steps: 4}
            interpolation: {solver: nearest}
            outputs: {keep_checkpoints: all, plots: true}
            """;

    @TempDir
    Path dir;

    @Test
    void slidersRedrawTheGridsBarqComputed() throws IOException {
        requireBrowser();
        Path config = Files.writeString(dir.resolve("view.yaml"), CONFIG);
        Path out = dir.resolve("run");
        assertEquals(0, barq("run", config.toString(), "--out", out.toString()));
        Path page = out.resolve("view.html");
        byte[] written = Files.readAllBytes(page);
        assertEquals(0, barq("view", out.toString()));
        assertArrayEquals(written, Files.readAllBytes(page), "barq view rewrites the same bytes");
        assertEquals(0, barq("run", config.toString(), "--out", out.toString()));
        assertArrayEquals(written, Files.readAllBytes(page), "the finished run's analyses, redone from rounding the"
                + " variants again, give the same page");
        assertTrue(Files.readString(out.resolve("report.html")).contains("href=\"view.html\""),
                "the report links the viewer");
        assertTrue(Files.readString(out.resolve("view-data.json")).contains("\"title\":\"barq viewer: run\""),
                "named by the run folder, not 'null'");

        StudyConfig study = StudyConfigs.read(config);
        LoadedCheckpoint model = Checkpoints.read(out.resolve("model.safetensors"));
        LoadedCheckpoint low = Checkpoints.read(out.resolve("checkpoints/b3_nearest_reconstruction_l0_s0.safetensors"));
        LoadedCheckpoint high = Checkpoints.read(out.resolve("checkpoints/b4_nearest_reconstruction_l0_s0.safetensors"));
        GeometryEvaluator.Reference reference = GeometryEvaluator.reference(model.network(),
                model.networkInputs(Study.splits(study).test()), study.evaluation().options());
        int[] atLow = reference.sliceOf(low.network()).labels();
        int[] halfway = Interpolator.slices(low.network(), Optional.empty(), high.network(), Optional.empty(),
                reference.plane(), List.of(0.5)).get(0).labels();
        int[] atHigh = reference.sliceOf(high.network()).labels();
        assertNotEquals(java.util.Arrays.toString(atLow), java.util.Arrays.toString(halfway),
                "the test needs a path on which the labels move");

        WebDriver browser = browser();
        try {
            browser.get(page.toUri().toString());
            JavascriptExecutor js = (JavascriptExecutor) browser;
            // get() returns after the load event, and the page draws in its inline script, before that event.
            assertEquals(Boolean.TRUE, js.executeScript("return window.barqView !== undefined"));
            assertArrayEquals(reference.slice().labels(), labels(js, "floatLabels"));
            assertArrayEquals(atLow, labels(js, "roundedLabels"), "3 bits, t = 0");
            String before = pixels(js);
            int[] floatLabels = reference.slice().labels();
            int moving = firstDifference(atLow, halfway);
            String hover = pointAt(browser, moving, reference.plane().grid());
            assertTrue(hover.contains("float label " + floatLabels[moving] + ", rounded label " + atLow[moving]), hover);

            WebElement t = browser.findElement(By.id("t"));
            t.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
            assertEquals(0.5, ((Number) js.executeScript("return window.barqView.state().t")).doubleValue());
            assertArrayEquals(halfway, labels(js, "roundedLabels"), "3 bits, t = 0.5");
            String moved = pixels(js);
            assertNotEquals(before, moved, "moving t redraws the rounded slice");
            assertEquals("#solver=nearest&bits=3&t=0.5", js.executeScript("return location.hash"),
                    "the address follows the controls");
            assertTrue(readOut(browser).contains("rounded label " + halfway[moving]), "the read-out follows t, the"
                    + " pointer still: " + readOut(browser));

            browser.findElement(By.id("bits")).sendKeys(Keys.ARROW_RIGHT);
            assertEquals(4L, js.executeScript("return window.barqView.state().bits"));
            assertArrayEquals(atHigh, labels(js, "roundedLabels"), "4 bits");
            assertNotEquals(moved, pixels(js), "moving the bits redraws the rounded slice");
            assertTrue(readOut(browser).contains("float label " + floatLabels[moving] + ", rounded label "
                    + atHigh[moving]), readOut(browser));
            browser.findElement(By.id("layer-points")).click();
            assertEquals("#solver=nearest&bits=4&hide=points", js.executeScript("return location.hash"),
                    "no t at the widest width; the layers switched off");

            browser.get("about:blank");
            browser.get(page.toUri() + "#solver=nearest&bits=3&t=0.5&hide=points");
            assertEquals(0.5, ((Number) js.executeScript("return window.barqView.state().t")).doubleValue());
            assertArrayEquals(halfway, labels(js, "roundedLabels"), "the address opens the setting it names");
            assertFalse(browser.findElement(By.id("layer-points")).isSelected());

            browser.manage().window().setSize(new Dimension(800, 900));
            Number overflow = (Number) js.executeScript("const edges = ['#float-canvas', '#rounded-canvas', 'aside']"
                    + ".map(part => document.querySelector(part).getBoundingClientRect().right);"
                    + " return Math.max(...edges, document.documentElement.scrollWidth)"
                    + " - document.documentElement.clientWidth");
            assertTrue(overflow.doubleValue() <= 0, "800 px wide: " + overflow + " px beyond the window");
            browser.manage().window().setSize(new Dimension(1400, 900));

            Path single = dir.resolve("evaluate.html");
            assertEquals(0, barq("evaluate", "--model", out.resolve("model.safetensors").toString(), "--rounded",
                    out.resolve("checkpoints/b3_nearest_reconstruction_l0_s0.safetensors").toString(),
                    "--slice-grid", "40", "--view", single.toString()));
            browser.get(single.toUri().toString());
            assertEquals(Boolean.TRUE, js.executeScript("return ['bits-control', 't-control'].every(id =>"
                    + " document.getElementById(id).offsetParent === null)"), "one model: no slider");
            String note = browser.findElement(By.id("note")).getText();
            assertFalse(note.contains("t slider") || note.contains("W(t)"), note);

            List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "console errors");
        } finally {
            browser.quit();
        }
    }

    /**
     * The numbers the README gives for the digits study's page: {@code mvn test -pl experiments -am
     * -Dtest=ViewBrowserTest -Dbarq.view.page=/tmp/viewer-digits/view.html} prints its size and the time from
     * navigation to the first drawing, and holds them to the limits (5 MB, 1 s).
     */
    @Test
    @EnabledIfSystemProperty(named = "barq.view.page", matches = ".+")
    void givenPageIsSmallAndOpensFast() throws IOException {
        requireBrowser();
        Path page = Path.of(System.getProperty("barq.view.page"));
        long bytes = Files.size(page);
        WebDriver browser = browser();
        try {
            browser.get(page.toUri().toString());
            JavascriptExecutor js = (JavascriptExecutor) browser;
            // get() returns after the load event, and the page draws in its inline script, before that event.
            assertEquals(Boolean.TRUE, js.executeScript("return window.barqView !== undefined"));
            double openMs = ((Number) js.executeScript("return window.barqView.openMs")).doubleValue();
            double scriptMs = ((Number) js.executeScript("return window.barqView.scriptMs")).doubleValue();
            System.out.printf("%s: %d bytes, drawn %.0f ms after navigation (the page's script %.0f ms)%n", page,
                    bytes, openMs, scriptMs);
            assertTrue(bytes < 5_000_000, "page of " + bytes + " bytes");
            assertTrue(openMs < 1000, "opened in " + openMs + " ms");
        } finally {
            browser.quit();
        }
    }

    /** @return the first cell whose label differs between the two grids */
    private static int firstDifference(int[] one, int[] other) {
        for (int cell = 0; cell < one.length; cell++) {
            if (one[cell] != other[cell]) {
                return cell;
            }
        }
        throw new AssertionError("the grids are equal");
    }

    /**
     * Moves the pointer to the centre of a cell of the rounded pane (its {@code grid} rows drawn bottom up).
     *
     * @return the hover read-out there, checked to name that cell
     */
    private static String pointAt(WebDriver browser, int cell, int grid) {
        WebElement canvas = browser.findElement(By.id("rounded-canvas"));
        int row = cell / grid;
        int col = cell % grid;
        // the canvas draws 440 px inside its border; the pointer's offset is from the bordered box's centre
        double box = canvas.getRect().getWidth();
        double scale = box / 440.0;
        double cellPixels = 440.0 / grid;
        int x = (int) Math.round((col + 0.5) * cellPixels * scale - box / 2);
        int y = (int) Math.round((grid - 1 - row + 0.5) * cellPixels * scale - box / 2);
        new Actions(browser).moveToElement(canvas, x, y).perform();
        String hover = readOut(browser);
        assertTrue(hover.contains("cell (row " + row + ", col " + col + ")"), hover);
        return hover;
    }

    private static String readOut(WebDriver browser) {
        return browser.findElement(By.id("hover")).getText();
    }

    private static int barq(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BarqMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (code != 0) {
            System.err.println(out + "\n" + err);
        }
        return code;
    }

    private static int[] labels(JavascriptExecutor js, String function) {
        List<?> values = (List<?>) js.executeScript("return window.barqView." + function + "()");
        return values.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }

    private static String pixels(JavascriptExecutor js) {
        return (String) js.executeScript("return document.getElementById('rounded-canvas').toDataURL()");
    }

    private static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String why = "the viewer's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)";
        if ("1".equals(System.getenv("CI_REQUIRE_BROWSER"))) {
            fail(why + ", and CI_REQUIRE_BROWSER=1");
        }
        Assumptions.abort(why + "; skipped");
    }

    private WebDriver browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,900", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
