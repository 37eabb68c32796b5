package org.barq.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;

/**
 * The boundary viewer: one HTML file that opens offline, with the {@link ViewData} embedded as JSON and a script
 * ({@code view.js}) that draws the slices on canvases, with sliders over the bit width and the interpolation position
 * {@code t}, switchable layers, a hover read-out and the chosen variant's metrics. The same data gives the same bytes.
 */
public final class ViewPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ViewPage() {
    }

    /**
     * @param data what to show
     * @param html the page to write
     * @return the page
     */
    public static Path write(ViewData data, Path html) {
        return write(data.text(), html);
    }

    /**
     * {@code barq view}: (re)writes {@code view.html} in a run folder from its {@code view-data.json}.
     *
     * @param runDir the run folder
     * @return the page
     * @throws InvalidInputException when the folder has no viewer data or data of another format
     */
    public static Path rewrite(Path runDir) {
        if (Files.isRegularFile(runDir)) {
            throw new InvalidInputException(runDir + " is a file, not a run folder. Maybe the --out folder of the"
                    + " 'barq run' that wrote it?");
        }
        Path data = runDir.resolve(ViewData.FILE);
        String text;
        try {
            text = Files.readString(data, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(Files.isDirectory(runDir)
                    ? "run folder " + runDir + " has no " + ViewData.FILE + ". Maybe a run with plots off or from"
                    + " before the viewer: run 'barq run CONFIG --out " + runDir + "' again, which redoes the analyses?"
                    : "run folder " + runDir + " does not exist. Maybe the --out of a 'barq run'?");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + data + ": " + e.getMessage() + ".", e);
        }
        return write(text, runDir.resolve(ViewData.PAGE));
    }

    private static Path write(String dataText, Path html) {
        return AtomicFiles.write(html, render(dataText).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the page around the data's JSON text */
    static String render(String dataText) {
        JsonNode data;
        try {
            data = JSON.readTree(dataText);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the viewer's data is not JSON (" + e.getOriginalMessage() + "). Maybe a"
                    + " damaged " + ViewData.FILE + "? 'barq run' writes it again.");
        }
        if (data == null || !ViewData.FORMAT.equals(data.path("format").asText())) {
            throw new InvalidInputException("the viewer's data has format '" + (data == null ? "" :
                    data.path("format").asText()) + "', this barq reads '" + ViewData.FORMAT + "'. Maybe it was"
                    + " written by another barq version? 'barq run' writes it again.");
        }
        String title = Html.escape(data.path("title").asText());
        StringBuilder page = new StringBuilder(dataText.length() + 32_000);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n<title>").append(title).append("</title>\n<style>\n").append(resource("view.css"))
                .append("</style>\n</head>\n<body>\n<h1>").append(title).append("</h1>\n<p class=\"about\">")
                .append(Html.escape(data.path("about").asText())).append("</p>\n")
                .append(resource("view.html"))
                // The data sits in a non-executed script element; '<' only occurs inside JSON strings, where
                // \\u003c is the same character and cannot close the element.
                .append("<script type=\"application/json\" id=\"barq-data\">")
                .append(dataText.replace("<", "\\u003c")).append("</script>\n<script>\n")
                .append(resource("view.js")).append("</script>\n</body>\n</html>\n");
        return page.toString();
    }

    private static String resource(String name) {
        try (InputStream in = ViewPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the viewer's " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the viewer's " + name + ": " + e.getMessage(), e);
        }
    }
}
