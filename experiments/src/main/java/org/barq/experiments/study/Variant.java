package org.barq.experiments.study;

import java.util.Optional;

import org.barq.experiments.pipeline.RoundingPlan;
import org.barq.experiments.pipeline.CorrectionPlan;
import org.barq.experiments.study.config.CorrectionConfig;
import org.barq.experiments.study.config.ObjectiveConfig;
import org.barq.experiments.study.config.SolverConfig;
import org.barq.experiments.study.config.StudyConfig;
import org.barq.objectives.ObjectiveSpec;

/**
 * One rounding of a study: a bit width, a solver, an objective at one {@code lambda}, and a seed.
 *
 * @param index          0-based position in the study's fixed order
 * @param id             stable name, e.g. {@code b4/coordinate-descent/hinge/l0.5/s1}
 * @param bits           the bit width
 * @param solver         the solver entry
 * @param objectiveLabel the objective's part of the id, e.g. {@code hinge} or {@code hinge-g0.25}
 * @param objective      the objective
 * @param seed           the rounding seed
 * @param correction     the logit correction fitted after rounding, or empty for the rounded model alone
 */
public record Variant(int index, String id, int bits, SolverConfig solver, String objectiveLabel,
                      ObjectiveSpec objective, long seed, Optional<CorrectionConfig> correction) {

    /** @return how reports name the method: the solver's label, then {@code +} and the correction's, if any */
    public String method() {
        return method(solver, correction);
    }

    static String method(SolverConfig solver, Optional<CorrectionConfig> correction) {
        return solver.label() + correction.map(c -> "+" + c.label()).orElse("");
    }

    /** @return the id of the same rounding without a correction, whose codes this variant shares */
    public String roundingId() {
        return correction.isEmpty() ? id : id.replaceFirst("/" + java.util.regex.Pattern.quote(method()) + "/",
                "/" + java.util.regex.Matcher.quoteReplacement(solver.label()) + "/");
    }

    /** @return the correction's plan: fitted with the variant's seed */
    public CorrectionPlan correctionPlan() {
        return correction.map(c -> new CorrectionPlan(c.name(), c.options(), seed)).orElse(CorrectionPlan.none());
    }

    /**
     * @param bits      the bit width
     * @param solver    the solver entry
     * @param objective the objective entry
     * @param lambda    one of its lambdas
     * @param seed      the seed
     * @return the id {@code b<bits>/<solver label>/<objective label>/l<lambda>/s<seed>} of the uncorrected variant
     */
    public static String id(int bits, SolverConfig solver, ObjectiveConfig objective, double lambda, long seed) {
        return id(bits, solver.label(), objective, lambda, seed);
    }

    /** @return the id {@code b<bits>/<method>/<objective label>/l<lambda>/s<seed>} */
    static String id(int bits, String method, ObjectiveConfig objective, double lambda, long seed) {
        return "b" + bits + "/" + method + "/" + objective.label() + "/l" + ObjectiveSpec.number(lambda)
                + "/s" + seed;
    }

    /**
     * @param study the study, whose grid (scale method and group size) every variant shares
     * @return the rounding plan: one thread, since variants run in parallel with each other
     */
    public RoundingPlan plan(StudyConfig study) {
        RoundingPlan plan = new RoundingPlan(study.gridSpec(bits), solver.name(), solver.options(), objective, seed,
                solver.budget(), 1);
        return solver.outputPassPlan().map(plan::withOutputPass).orElse(plan);
    }

    /** @return true when the surrogate does not weigh in: pure reconstruction, or {@code lambda = 0} */
    public boolean pureReconstruction() {
        return !objective.weightsSurrogate();
    }

    /** @return the id as a file name: {@code /} becomes {@code _} */
    public String fileName() {
        return id.replace('/', '_');
    }
}
