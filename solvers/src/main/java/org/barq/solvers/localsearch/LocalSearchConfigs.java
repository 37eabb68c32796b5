package org.barq.solvers.localsearch;

import java.time.Duration;
import org.optaplanner.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

/**
 * Builds the OptaPlanner solver configuration in code: the {@link RoundingPlan} domain with the
 * {@link FlipScoreCalculator}, a single local-search phase of change moves (single flips), by default with
 * {@link PairFlipMove}s from {@link PairMoveFactory} beside them, half and half, and no construction
 * heuristic (the plan starts initialised), a seeded REPRODUCIBLE environment (FULL_ASSERT under assertions) with no
 * move threads, and termination on time, steps, unimproved steps or evaluated moves, whichever comes first. Only the
 * clock and the evaluation count are checked between the moves of a step, so they alone end a step that finds no
 * acceptable move.
 *
 * <p>Acceptors and foragers: tabu search samples moves at random until it has evaluated as many accepted (non-tabu
 * or aspirated) moves as half the variables, at most 1000 (OptaPlanner's recommendation), and takes the best. The
 * sampled neighbourhood matters: with every move evaluated, a fixed tenure lets the search cycle (on 30 random
 * 20-variable problems it then missed the optimum 4 to 6 times, against 0 with sampling). Late acceptance and
 * simulated annealing take the first accepted move, as OptaPlanner recommends.
 */
final class LocalSearchConfigs {
    /** The most accepted moves a tabu step evaluates before picking the best. */
    static final int TABU_ACCEPTED_COUNT = 1000;

    private LocalSearchConfigs() {
    }

    /**
     * Simulated annealing cools as the furthest termination approaches (OptaPlanner's time gradient is the largest of
     * theirs). An unimproved-step count would let it freeze without ever ending: near its limit the temperature is
     * close to 0, no move is accepted, so no step completes and the count cannot reach the limit. Simulated
     * annealing therefore runs its whole schedule, ended by steps, evaluations or time.
     */
    private static TerminationConfig phaseTermination(LocalSearchOptions options) {
        TerminationConfig termination = new TerminationConfig()
                .withStepCountLimit(options.maxSteps())
                .withScoreCalculationCountLimit(options.maxEvaluations());
        return options.algorithm() == Algorithm.SIMULATED_ANNEALING ? termination
                : termination.withUnimprovedStepCountLimit(options.unimprovedSteps());
    }

    /**
     * @param options     the solver's options
     * @param seed        OptaPlanner's random seed
     * @param timeLimit   the time left for the search
     * @param variables   the number of variables (caps the tabu size)
     * @param temperature the simulated-annealing starting temperature, in score quanta
     * @return the configuration
     */
    static SolverConfig build(LocalSearchOptions options, long seed, Duration timeLimit, int variables,
                              long temperature) {
        LocalSearchAcceptorConfig acceptor = new LocalSearchAcceptorConfig();
        LocalSearchForagerConfig forager = new LocalSearchForagerConfig();
        switch (options.algorithm()) {
            case TABU -> {
                acceptor.withEntityTabuSize(Math.max(1, Math.min(options.tabuSize(), variables / 2)));
                forager.withAcceptedCountLimit(Math.max(1, Math.min(TABU_ACCEPTED_COUNT, variables / 2)));
            }
            case LATE_ACCEPTANCE -> {
                acceptor.withLateAcceptanceSize(options.lateAcceptanceSize());
                forager.withAcceptedCountLimit(1);
            }
            case SIMULATED_ANNEALING -> {
                acceptor.withSimulatedAnnealingStartingTemperature(Long.toString(temperature));
                forager.withAcceptedCountLimit(1);
            }
        }
        // Step counts are phase terminations in OptaPlanner; the clock belongs to the solver.
        LocalSearchPhaseConfig phase = new LocalSearchPhaseConfig()
                .withMoveSelectorConfig(options.pairMoves()
                        ? new UnionMoveSelectorConfig().withMoveSelectors(new ChangeMoveSelectorConfig(),
                                new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(PairMoveFactory.class))
                        : new ChangeMoveSelectorConfig())
                .withAcceptorConfig(acceptor)
                .withForagerConfig(forager)
                .withTerminationConfig(phaseTermination(options));
        return new SolverConfig()
                .withSolutionClass(RoundingPlan.class)
                .withEntityClasses(ChoiceEntity.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withIncrementalScoreCalculatorClass(FlipScoreCalculator.class))
                .withEnvironmentMode(options.assertions() ? EnvironmentMode.FULL_ASSERT : EnvironmentMode.REPRODUCIBLE)
                .withRandomSeed(seed)
                .withMoveThreadCount(SolverConfig.MOVE_THREAD_COUNT_NONE)
                .withTerminationConfig(new TerminationConfig().withSpentLimit(timeLimit))
                .withPhases(phase);
    }
}
