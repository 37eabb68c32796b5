package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.barq.experiments.pipeline.LayerListener;
import org.barq.experiments.pipeline.LayerReport;

/** Prints one row per rounded layer: shape, bits, variables, fixed, R and G at RTN and at the solution, seconds. */
final class LayerTable implements LayerListener {
    private final PrintWriter out;

    LayerTable(PrintWriter out) {
        this.out = out;
        out.printf("%-5s %-10s %4s %9s %7s %12s %12s %12s %12s %8s%n", "layer", "shape", "bits", "variables",
                "fixed", "R(RTN)", "R", "G(RTN)", "G", "seconds");
        out.flush();
    }

    @Override
    public void layerDone(LayerReport r, int layers) {
        out.printf(Locale.ROOT, "%-5d %-10s %4d %9d %7d %12.6g %12.6g %12.6g %12.6g %8.2f%n", r.layer(),
                r.out() + "x" + r.in(), r.bits(), r.variables(), r.fixed(), r.nearest().r(), r.solution().r(),
                r.nearest().g(), r.solution().g(), r.seconds());
        for (String note : r.notes()) {
            out.printf(Locale.ROOT, "      layer %d: %s%n", r.layer(), note);
        }
        if (r.sampled()) {
            out.printf(Locale.ROOT, "      %s: H from a seeded sample of %d of its %d patch rows%n", r.spec(),
                    r.rows(), r.availableRows());
        }
        out.flush();
    }
}
