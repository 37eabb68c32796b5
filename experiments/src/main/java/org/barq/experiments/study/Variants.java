package org.barq.experiments.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.experiments.study.config.CorrectionConfig;
import org.barq.experiments.study.config.ObjectiveConfig;
import org.barq.experiments.study.config.SolverConfig;
import org.barq.experiments.study.config.StudyConfig;

/** Enumerates a study's variants in its fixed order. */
public final class Variants {
    private Variants() {
    }

    /**
     * The order is bits x solver x objective x lambda x seed, each in the config's order, skipping objectives that
     * do not apply at that bit width or to that solver; each rounding is followed by one variant per correction of
     * the config, which shares its codes. The same config always gives the same list.
     *
     * @param config the study
     * @return the variants, {@code index} counting from 0
     * @throws InvalidInputException when two variants would share an id
     */
    public static List<Variant> of(StudyConfig config) {
        List<Variant> variants = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int bits : config.bits()) {
            for (SolverConfig solver : config.solvers()) {
                for (int o = 0; o < config.objectives().size(); o++) {
                    ObjectiveConfig objective = config.objectives().get(o);
                    if (!objective.appliesTo(bits, solver.label())) {
                        continue;
                    }
                    for (double lambda : objective.lambdas()) {
                        for (long seed : config.seeds()) {
                            String id = Variant.id(bits, solver, objective, lambda, seed);
                            Integer earlier = seen.putIfAbsent(id, o);
                            if (earlier != null) {
                                throw new InvalidInputException("objectives[" + o + "] repeats variant " + id
                                        + " of objectives[" + earlier + "]. Maybe remove the repeated lambda or"
                                        + " objective?");
                            }
                            variants.add(new Variant(variants.size(), id, bits, solver, objective.label(),
                                    objective.spec(lambda), seed, Optional.empty()));
                            // Right after their rounding, so that they find it in the runner's cache.
                            for (CorrectionConfig c : config.corrections()) {
                                Optional<CorrectionConfig> correction = Optional.of(c);
                                variants.add(new Variant(variants.size(), Variant.id(bits, Variant.method(solver,
                                        correction), objective, lambda, seed), bits, solver, objective.label(),
                                        objective.spec(lambda), seed, correction));
                            }
                        }
                    }
                }
            }
        }
        requireEverySolverUsed(config, variants);
        return List.copyOf(variants);
    }

    /** A solver that no objective applies to would be dropped from the study without a word. */
    private static void requireEverySolverUsed(StudyConfig config, List<Variant> variants) {
        for (int s = 0; s < config.solvers().size(); s++) {
            SolverConfig solver = config.solvers().get(s);
            if (variants.stream().noneMatch(v -> v.solver().label().equals(solver.label()))) {
                throw new InvalidInputException("solvers[" + s + "] (" + solver.label() + ") gets no variant: no"
                        + " objective applies to it at bits " + config.bits() + " (their solvers: and bits: lists"
                        + " leave it out). Maybe add it to an objective's solvers:, or remove it?");
            }
        }
    }

    /**
     * @param variants a study's variants
     * @param key      an index ({@code 17}) or an id ({@code b4/nearest/reconstruction/l0/s0})
     * @return the variant
     * @throws InvalidInputException when none matches
     */
    public static Variant find(List<Variant> variants, String key) {
        for (Variant v : variants) {
            if (v.id().equals(key)) {
                return v;
            }
        }
        if (key.matches("[0-9]{1,9}")) {
            int index = Integer.parseInt(key);
            if (index < variants.size()) {
                return variants.get(index);
            }
        }
        throw new InvalidInputException("no variant '" + key + "' in this study of " + variants.size()
                + " variants. Maybe an index 0.." + (variants.size() - 1) + " or an id such as "
                + variants.get(0).id() + "?");
    }

    /**
     * @param variants a study's variants
     * @param solver   a solver label
     * @param seed     a seed
     * @param bits     a bit width
     * @return the first variant, in index order, of that solver, seed and bit width whose surrogate does not weigh
     *         in ({@code lambda = 0}) and without a correction: the plain rounding the stopping rule and the
     *         interpolation compare
     */
    public static Optional<Variant> pure(List<Variant> variants, String solver, long seed, int bits) {
        return variants.stream().filter(v -> v.bits() == bits && v.seed() == seed && v.pureReconstruction()
                && v.solver().label().equals(solver) && v.correction().isEmpty()).findFirst();
    }
}
