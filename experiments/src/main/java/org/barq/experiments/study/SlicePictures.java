package org.barq.experiments.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.JsonReports;
import org.barq.evaluation.plot.SlicePlots;
import org.barq.evaluation.slice.Slice;
import org.barq.experiments.study.config.SolverConfig;
import org.barq.experiments.study.config.StudyConfig;

/**
 * Slice pictures of a few representative variants, on the test split: for each solver, the {@code lambda = 0}
 * rounding at 4 bits (or the study's lowest width when 4 is not among them) with the first seed, and at the same
 * width and seed the variant with the largest {@code lambda} of each of its surrogate objectives. Listed in
 * {@code plots/slices.json}.
 */
final class SlicePictures {
    private static final int PREFERRED_BITS = 4;

    private SlicePictures() {
    }

    /**
     * @param config   the study
     * @param variants its variants
     * @return the representative variants, in index order; none when pictures are off
     */
    static List<Variant> needed(StudyConfig config, List<Variant> variants) {
        List<Variant> needed = new ArrayList<>();
        if (!config.outputs().plots()) {
            return needed;
        }
        int bits = config.bits().contains(PREFERRED_BITS) ? PREFERRED_BITS
                : config.bits().stream().mapToInt(Integer::intValue).min().orElseThrow();
        long seed = config.seeds().get(0);
        for (SolverConfig solver : config.solvers()) {
            Optional<Variant> pure = Variants.pure(variants, solver.label(), seed, bits);
            pure.ifPresent(needed::add);
            Map<String, Variant> strongest = new LinkedHashMap<>();
            for (Variant v : variants) {
                if (v.bits() == bits && v.seed() == seed && v.solver().label().equals(solver.label())
                        && !v.pureReconstruction() && v.correction().isEmpty()) {
                    strongest.merge(v.objectiveLabel(), v,
                            (a, b) -> b.objective().lambda() > a.objective().lambda() ? b : a);
                }
            }
            needed.addAll(strongest.values());
        }
        return needed.stream().sorted(Comparator.comparingInt(Variant::index)).toList();
    }

    /**
     * @param context  the run's shared inputs
     * @param variants the study's variants
     * @param models   where the roundings come from
     * @param folder   the run folder
     * @return the list written to {@code plots/slices.json}: per variant {@code id, set, boundary_jaccard, files}
     *         (paths relative to the run folder)
     */
    static List<Object> write(StudyContext context, List<Variant> variants, RoundedModels models, RunFolder folder) {
        List<Object> index = new ArrayList<>();
        for (Variant v : needed(context.config(), variants)) {
            GeometryEvaluator.Reference reference = context.references().test();
            Slice rounded = reference.sliceOf(models.get(v).rounded().network());
            List<String> files = new ArrayList<>();
            for (Path p : SlicePlots.write(folder.plots().resolve("slices"), v.fileName() + "_", reference.slice(),
                    rounded)) {
                files.add(folder.root().relativize(p).toString());
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", v.id());
            entry.put("set", "test");
            entry.put("boundary_jaccard", reference.slice().boundaryJaccard(rounded));
            entry.put("files", files);
            index.add(entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("slices", index);
        JsonReports.write(folder.plots().resolve("slices.json"), json);
        return index;
    }
}
