package org.barq.solvers.localsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.barq.solvers.TestProblems;
import org.junit.jupiter.api.Test;

/** The original order lists each choice with each of its partners, once, in variable order. */
class PairMoveFactoryTest {
    @Test
    void originalOrderListsEveryPartnerOfEveryChoice() {
        TestProblems.Instance instance = TestProblems.instance(5, 2, 4, 3, true);
        int n = instance.fresh().variables();
        int[][] partners = new int[n][];
        for (int v = 0; v < n; v++) {
            partners[v] = v + 1 < n ? new int[] {v + 1} : new int[0];
        }
        RoundingPlan plan = new RoundingPlan(new boolean[n], new ObjectiveScoring(instance.fresh(), false), partners);
        List<String> moves = PairMoveFactory.allMoves(plan).stream().map(Object::toString).toList();
        assertEquals(n - 1, moves.size());
        assertEquals("flip(0, 1)", moves.get(0));
        assertEquals("flip(" + (n - 2) + ", " + (n - 1) + ")", moves.get(n - 2));
    }
}
