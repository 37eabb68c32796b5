package org.barq.objectives.output;

import java.util.SplittableRandom;
import org.barq.api.data.Permutations;

/**
 * Coordinate descent on an {@link OutputObjective}: each sweep tries every weight of the last layer, then every
 * weight of the layer before it row by row, in a seeded order, and keeps a flip when it lowers {@code J}. Single
 * threaded, so the codes depend on the seed alone.
 */
public final class OutputPass {
    private OutputPass() {
    }

    /**
     * What a pass did.
     *
     * @param objective the objective at the final codes
     * @param accepted  flips kept in each sweep
     */
    public record Result(OutputObjective objective, int[] accepted) {
    }

    /**
     * @param prepared the objective's fixed part, prepared with {@code options.temperature()}
     * @param options  lambda, matching, sweeps and seed
     * @return the objective at the final codes and the flips kept per sweep
     */
    public static Result run(OutputObjective.Builder prepared, OutputPassOptions options) {
        return run(prepared.at(options.lambda(), options.matching()), options.seed(), options.sweeps());
    }

    /**
     * @param objective the objective at the starting codes; changed in place
     * @param seed      seeds the order of the weights
     * @param sweeps    passes over both layers, at least 1
     * @return the objective at the final codes and the flips kept per sweep
     */
    public static Result run(OutputObjective objective, long seed, int sweeps) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] last = objective.lastShape();
        int[] penultimate = objective.penultimateShape();
        int[] accepted = new int[sweeps];
        for (int sweep = 0; sweep < sweeps; sweep++) {
            for (int index : Permutations.of(last[0] * last[1], random)) {
                int k = index / last[1];
                int j = index % last[1];
                if (objective.deltaLast(k, j) < -1e-12) {
                    objective.flipLast(k, j);
                    accepted[sweep]++;
                }
            }
            if (!objective.twoLayers()) {
                continue;
            }
            for (int unit : Permutations.of(penultimate[0], random)) {
                objective.beginRow(unit);
                for (int j : Permutations.of(penultimate[1], random)) {
                    if (objective.deltaPenultimate(unit, j) < -1e-12) {
                        objective.flipPenultimate(unit, j);
                        accepted[sweep]++;
                    }
                }
            }
        }
        return new Result(objective, accepted);
    }
}
