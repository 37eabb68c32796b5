package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --input-shape} on the commands that read data: a CSV of images is read as images. */
class InputShapeOptionTest {
    @TempDir
    Path dir;

    @Test
    void trainAndQuantizeReadACsvWithTheGivenShape() throws Exception {
        Path csv = dir.resolve("pictures.csv");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            rows.append(i % 5).append(',').append(i % 3).append(',').append(i % 7).append(',').append(i % 2)
                    .append(',').append(i % 2).append('\n');
        }
        Files.writeString(csv, rows);
        Path model = dir.resolve("m.safetensors");
        Cli train = Cli.run("train", "--dataset", "csv:" + csv, "--input-shape", "1,2,2", "--epochs", "1",
                "--hidden", "4", "--out", model.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("samples x 4 features (1x2x2), 2 classes"), train.out());

        Path rounded = dir.resolve("q.safetensors");
        Cli quantize = Cli.run("quantize", "--model", model.toString(), "--input-shape", "1,2,2", "--bits", "4",
                "--out", rounded.toString());
        assertEquals(0, quantize.exitCode(), quantize.err());
    }
}
