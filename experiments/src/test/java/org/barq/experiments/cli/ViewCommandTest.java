package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --view}, {@code interpolate --view} and {@code barq view}'s refusals. */
class ViewCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path low;
    static Path high;

    @BeforeAll
    static void trainAndRound() {
        model = dir.resolve("float.safetensors");
        low = dir.resolve("q3.safetensors");
        high = dir.resolve("q4.safetensors");
        assertEquals(0, Cli.run("train", "--dataset", "digits", "--hidden", "16", "--epochs", "2", "--out",
                model.toString()).exitCode());
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--bits", "3", "--solver", "nearest",
                "--out", low.toString()).exitCode());
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--bits", "4", "--solver", "nearest",
                "--out", high.toString()).exitCode());
    }

    @Test
    void evaluateWritesAViewOfOneModel() throws IOException {
        Path page = dir.resolve("evaluate.html");
        Cli r = Cli.run("evaluate", "--model", model.toString(), "--rounded", low.toString(), "--slice-grid", "30",
                "--view", page.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("wrote " + page), r.out());
        JsonNode data = embedded(page);
        assertEquals(30, data.get("grid").asInt());
        assertEquals(1, data.get("variants").size());
        assertEquals(3, data.get("variants").get(0).get("bits").asInt());
        assertEquals("nearest", data.get("variants").get(0).get("solver").asText());
        assertEquals(450, data.get("samples").get("of").asInt());
    }

    @Test
    void interpolateShowsEveryStepBetweenTheEnds() throws IOException {
        Path page = dir.resolve("interpolate.html");
        Cli r = Cli.run("interpolate", "--model", model.toString(), "--low", low.toString(), "--high",
                high.toString(), "--steps", "4", "--slice-grid", "30", "--view", page.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode data = embedded(page);
        assertEquals("[0.0,0.25,0.5,0.75,1.0]", data.get("positions").toString());
        assertEquals(3, data.get("variants").get(0).get("toward").size());
        assertEquals(0, data.get("variants").get(1).get("toward").size());
        assertEquals("nearest", data.get("variants").get(1).get("solver").asText(), "ends of one solver: its name");
    }

    /** The page's solver menu holds one entry for the path; it used to read "interpolation" for ends of two solvers. */
    @Test
    void interpolateNamesBothEndsWhenTwoSolversMadeThem() throws IOException {
        Path gptq = dir.resolve("q4-gptq.safetensors");
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--bits", "4", "--solver", "gptq",
                "--out", gptq.toString()).exitCode());
        Path page = dir.resolve("two-solvers.html");
        Cli r = Cli.run("interpolate", "--model", model.toString(), "--low", low.toString(), "--high",
                gptq.toString(), "--steps", "2", "--slice-grid", "20", "--view", page.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode variants = embedded(page).get("variants");
        for (JsonNode end : variants) {
            assertEquals("nearest 3 bits → gptq 4 bits", end.get("solver").asText());
        }
    }

    @Test
    void interpolateRefusesAViewOfWidthsThatAreNotAdjacent() {
        Path six = dir.resolve("q6.safetensors");
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--bits", "6", "--solver", "nearest",
                "--out", six.toString()).exitCode());
        Cli r = Cli.run("interpolate", "--model", model.toString(), "--low", high.toString(), "--high",
                six.toString(), "--steps", "2", "--slice-grid", "20", "--view", dir.resolve("x.html").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--low has 4 and --high 6 bits. Maybe a 5-bit model for --high?"), r.err());
    }

    /** Swapped ends used to run: the path went backwards and every first change came out at 1 - t. */
    @Test
    void interpolateRefusesSwappedEnds() {
        Cli r = Cli.run("interpolate", "--model", model.toString(), "--low", high.toString(), "--high",
                low.toString(), "--steps", "2", "--slice-grid", "20");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--low " + high + " has 4 bits and --high " + low + " 3: the path runs from the"
                + " fewer bits to the more"), r.err());
        assertTrue(r.err().strip().endsWith("Maybe swap --low and --high?"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void viewRefusesAFolderWithoutViewerData() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli r = Cli.run("view", empty.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("has no view-data.json. Maybe"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Cli missing = Cli.run("view", dir.resolve("absent").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }

    /** @return the JSON the page embeds */
    private static JsonNode embedded(Path page) throws IOException {
        String html = Files.readString(page);
        String open = "<script type=\"application/json\" id=\"barq-data\">";
        int start = html.indexOf(open) + open.length();
        return new ObjectMapper().readTree(html.substring(start, html.indexOf("</script>", start)));
    }
}
