package org.barq.experiments.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.barq.api.InvalidInputException;
import org.barq.experiments.study.Reproducer;
import org.barq.experiments.study.Reproduction;
import org.barq.experiments.study.RunFolder;
import picocli.CommandLine;

/** {@code barq reproduce}: re-run one variant of a study and check that it gets identical codes. */
@CommandLine.Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Re-run one variant from the run's provenance (provenance.json and model.safetensors beside "
                + "RESULTS) and compare its codes' SHA-256 with the recorded one (and, for a corrected variant, the"
                + " correction's clusters and calibration error).",
                "Exit code 0: identical codes (OK); 1: different codes (MISMATCH); 2: bad input."})
final class ReproduceCommand implements Callable<Integer> {
    /** The exit code of a mismatch. */
    static final int MISMATCH = 1;

    private final Reproducer reproducer;

    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Parameters(index = "0", paramLabel = "RESULTS", description = "A run's results.jsonl, or its run"
            + " folder.")
    private Path results;

    @CommandLine.Option(names = "--variant", required = true, paramLabel = "K",
            description = "The variant: the index field of its results line (its place in the study's list of"
                    + " variants, which need not be the line's place in the file) or its id (e.g."
                    + " b4/nearest/reconstruction/l0/s0).")
    private String variant;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    ReproduceCommand(Reproducer reproducer) {
        this.reproducer = reproducer;
    }

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        Path file = Files.isDirectory(results) ? results.resolve(RunFolder.RESULTS) : results;
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("results file " + file + " does not exist. Maybe the run folder's "
                    + RunFolder.RESULTS + ", written by barq run?");
        }
        Reproduction r = reproducer.reproduce(file, variant);
        String correction = (r.recordedCorrection() == null ? "" : "; correction: " + r.actualCorrection())
                + (r.sourceChange() == null ? "" : "; " + r.sourceChange());
        if (r.matches()) {
            console.printf("OK %d %s codes_sha256 %s%s%n", r.index(), r.id(), r.actual(), correction);
        } else {
            console.printf("MISMATCH %d %s: recorded codes_sha256 %s%s, re-run gives %s%s%n", r.index(), r.id(),
                    r.recorded(), r.recordedCorrection() == null ? "" : "; correction: " + r.recordedCorrection(),
                    r.actual(), correction);
        }
        console.flush();
        return r.matches() ? 0 : MISMATCH;
    }
}
