/**
 * barq's rounding solvers (FORMULATION §4), one subpackage each, registered by name in {@link
 * org.barq.solvers.SolversModule}; third-party solvers arrive through {@link org.barq.solvers.SolverPlugin}.
 *
 * <p>Conventions every solver here follows: it reads {@code J} only through {@link org.barq.api.objective.Objective}
 * (gptq also reads {@code H} and the float weights from the problem); it starts from the objective's state and
 * returns nothing worse ({@link org.barq.solvers.StartPoint}; the {@code stochastic} baseline excepted); a flip counts
 * as an improvement only below {@code -StartPoint.tolerance()}; it polls a {@link org.barq.solvers.Deadline}; it
 * records a trace with {@link org.barq.solvers.TraceRecorder} and leaves the objective at the returned assignment.
 * Randomness comes from the context's seed only, so a solve is reproducible for any thread count whenever a step
 * budget, not the clock, ends it.
 */
package org.barq.solvers;
