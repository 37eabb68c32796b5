package org.barq.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.barq.api.data.Dataset;
import org.barq.api.data.SplitSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/scripts/ExportSplit.java is run by hand, outside the build (the given-model configs' commands), so this test
 * compiles it against barq's classes and checks what it writes: a script that no longer compiles, or that writes
 * other samples than the split barq reads, fails here rather than in a user's hands.
 */
class ExportSplitScriptTest {
    @TempDir
    Path dir;

    @Test
    void theScriptCompilesAndWritesExactlyTheSplitBarqReads() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), Path.of("..", "docs", "scripts", "ExportSplit.java").toString()));
        Path out = dir.resolve("out");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            loader.loadClass("ExportSplit").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {"digits", "100", "0", "calibration", out.toString()});
        }
        Dataset calibration = new DatasetResolver(DatasetResolver.defaultDataDir())
                .resolve("digits", SplitSpec.withCalibrationMax(100), 0).calibration();
        try (DataInputStream images = open(out.resolve("train-images-idx3-ubyte.gz"));
             DataInputStream labels = open(out.resolve("train-labels-idx1-ubyte.gz"))) {
            assertEquals(0x803, images.readInt());
            assertEquals(100, images.readInt());
            assertEquals(8, images.readInt());
            assertEquals(8, images.readInt());
            assertEquals(0x801, labels.readInt());
            assertEquals(100, labels.readInt());
            for (int i = 0; i < calibration.size(); i++) {
                for (int j = 0; j < calibration.dimension(); j++) {
                    assertEquals(Math.round(calibration.feature(i, j)), images.readUnsignedByte(), "sample " + i);
                }
                assertEquals(calibration.label(i), labels.readUnsignedByte(), "label " + i);
            }
            assertEquals(-1, images.read(), "nothing after the last sample");
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new GZIPInputStream(Files.newInputStream(file)));
    }
}
