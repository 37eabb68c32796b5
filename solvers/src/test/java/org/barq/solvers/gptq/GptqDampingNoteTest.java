package org.barq.solvers.gptq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.TestProblems;
import org.junit.jupiter.api.Test;

/** GPTQ on an H that is not positive definite at the asked damping raises it and says so, instead of failing. */
class GptqDampingNoteTest {
    @Test
    void anIndefiniteHessianGivesOneNoteAndAResult() {
        TestProblems.Instance instance = TestProblems.instance(77, 4, 10, 3, true);
        RoundingProblem p = instance.problem();
        double[] h = p.hessian().clone();
        h[0] = -h[0];
        RoundingProblem indefinite = new RoundingProblem(p.layerIndex(), p.layer(), p.space(), h, p.samples());
        GptqSolver solver = new GptqSolver();
        SolverResult result = solver.solve(indefinite, instance.fresh(), TestProblems.context(solver, 0, 1, Map.of()));
        assertEquals(1, result.notes().size(), result.notes().toString());
        String note = result.notes().get(0);
        assertTrue(note.startsWith("gptq: H + 0.01 * mean(diag H) was not positive definite; used damping")
                && !note.contains("\n"), note);
        assertEquals(List.of(), solver.solve(p, instance.fresh(), TestProblems.context(solver, 0, 1, Map.of()))
                .notes(), "a positive definite H needs no note");
    }
}
