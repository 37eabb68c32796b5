package org.barq.api.objective;

/**
 * The parts of {@code J(u) = R(u) / R(RTN) + lambda * G(u) / max(G(RTN), eps)} (FORMULATION §3.3) at one
 * assignment.
 *
 * @param reconstruction {@code R(u)}, unnormalised
 * @param surrogate      {@code G(u)}, unnormalised; 0 when the objective has no surrogate
 * @param value          {@code J(u)}
 */
public record ObjectiveTerms(double reconstruction, double surrogate, double value) {
}
