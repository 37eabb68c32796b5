package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.api.model.InputQuantizer;
import org.barq.experiments.encoding.CodesFile;
import picocli.CommandLine;

/** {@code barq encode}: the device side of a model trained behind an input quantizer. */
@CommandLine.Command(name = "encode", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Encode a data set's samples with a checkpoint's input quantizer (barq train --input-bits) and"
                + " write the packed codes a device would send, b bits per feature; prints the compression factor"
                + " against 32-bit floats. barq evaluate --encoded runs the model on them.")
final class EncodeCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "FILE",
            description = "A float or rounded checkpoint trained behind an input quantizer.")
    private Path model;

    @CommandLine.Mixin
    private DataOptions data;

    @CommandLine.Option(names = "--split", defaultValue = "test",
            description = "test, calibration or all (a csv: data set is always used whole).")
    private String split;

    @CommandLine.Option(names = "--out", converter = OutputFile.class,
            required = true, paramLabel = "FILE", description = "The codes file.")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        OutputFile.paths().output("--out", out).input("--model", model).data("--dataset", data.dataset).require();
        LoadedCheckpoint checkpoint = Checkpoints.read(model);
        InputQuantizer q = requireQuantizer(checkpoint, model);
        Dataset set = EvaluationSetOptions.set(data, split, checkpoint.metadata());
        q.requireFeatures(set);
        int[][] codes = new int[set.size()][];
        float[] raw = new float[set.dimension()];
        for (int i = 0; i < codes.length; i++) {
            for (int j = 0; j < raw.length; j++) {
                raw[j] = set.feature(i, j);
            }
            codes[i] = q.encode(raw);
        }
        CodesFile file = new CodesFile(new CodesFile.Header(checkpoint.sha256(), q.code().name(),
                q.code().bitsPerFeature(), set.size(), data.datasetFor(checkpoint.metadata()), set.checksum(), split),
                codes);
        file.write(out);
        report(console, file.header());
        console.printf("wrote %s%n", out);
        console.flush();
        return 0;
    }

    /** Prints the sizes and the compression factor against F32 features, with and without the header. */
    static void report(PrintWriter console, CodesFile.Header h) {
        double floats = 32.0 * h.features() * h.samples();
        console.printf(java.util.Locale.ROOT, "%d samples x %d features, %s quantizer, %d bits per sample: %d bytes of"
                + " codes; compression %.1fx against 32-bit floats (%d bytes)%n", h.samples(), h.features(),
                h.quantizer(), h.sampleBits(), h.payloadBytes(), floats / h.sampleBits() / h.samples(),
                (long) (floats / 8));
    }

    /** @return the checkpoint's input quantizer, else one line saying there is none */
    static InputQuantizer requireQuantizer(LoadedCheckpoint checkpoint, Path file) {
        return checkpoint.input().orElseThrow(() -> new InvalidInputException(file + " has no input quantizer. Maybe"
                + " train one with barq train --input-bits 2?"));
    }
}
