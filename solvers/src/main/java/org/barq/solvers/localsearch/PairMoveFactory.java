package org.barq.solvers.localsearch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Nearby selection of pair moves: a random choice and one of its partners, the choices of the same row whose inputs
 * correlate most with its input ({@link RoundingPlan#partners}). The solver selects them at random, since a real
 * layer's neighbourhood is too large to enumerate; the original order exists for small problems and tests.
 */
public final class PairMoveFactory implements MoveIteratorFactory<RoundingPlan, PairFlipMove> {
    @Override
    public long getSize(ScoreDirector<RoundingPlan> scoreDirector) {
        RoundingPlan plan = scoreDirector.getWorkingSolution();
        long size = 0;
        for (int v = 0; v < plan.choices().size(); v++) {
            size += plan.partners(v).length;
        }
        return size;
    }

    /** Every choice with each of its partners, in variable order: what a configured ORIGINAL selection visits. */
    @Override
    public Iterator<PairFlipMove> createOriginalMoveIterator(ScoreDirector<RoundingPlan> scoreDirector) {
        return allMoves(scoreDirector.getWorkingSolution()).iterator();
    }

    /** @return every choice with each of its partners, in variable order */
    static List<PairFlipMove> allMoves(RoundingPlan plan) {
        List<ChoiceEntity> choices = plan.choices();
        List<PairFlipMove> moves = new ArrayList<>();
        for (int v = 0; v < choices.size(); v++) {
            for (int w : plan.partners(v)) {
                moves.add(new PairFlipMove(choices.get(v), choices.get(w)));
            }
        }
        return moves;
    }

    @Override
    public Iterator<PairFlipMove> createRandomMoveIterator(ScoreDirector<RoundingPlan> scoreDirector, Random random) {
        RoundingPlan plan = scoreDirector.getWorkingSolution();
        List<ChoiceEntity> choices = plan.choices();
        boolean any = getSize(scoreDirector) > 0;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return any;
            }

            @Override
            public PairFlipMove next() {
                if (!any) {
                    throw new NoSuchElementException();
                }
                while (true) {
                    int v = random.nextInt(choices.size());
                    int[] partners = plan.partners(v);
                    if (partners.length > 0) {
                        return new PairFlipMove(choices.get(v), choices.get(partners[random.nextInt(partners.length)]));
                    }
                }
            }
        };
    }
}
