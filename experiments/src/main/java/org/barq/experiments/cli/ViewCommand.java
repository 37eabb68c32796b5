package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.barq.report.ViewPage;
import picocli.CommandLine;

/** {@code barq view}: (re)writes a run folder's boundary viewer from its {@code view-data.json}. */
@CommandLine.Command(name = "view", mixinStandardHelpOptions = true,
        description = "Write RUN_DIR/view.html, the interactive boundary viewer of a study (barq run writes it too):"
                + " one offline page with the float and rounded models' regions on the PCA slice, sliders over the"
                + " bit width and the interpolation between adjacent widths, switchable layers and a hover read-out.")
final class ViewCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Parameters(index = "0", paramLabel = "RUN_DIR", description = "The --out folder of a barq run.")
    private Path runDir;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        console.printf("wrote %s%n", ViewPage.rewrite(runDir));
        console.flush();
        return 0;
    }
}
