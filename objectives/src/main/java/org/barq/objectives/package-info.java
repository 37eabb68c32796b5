/**
 * A layer's rounding objective (FORMULATION §3): {@link org.barq.objectives.LayerObjectiveBuilder} turns a float
 * model, the already rounded layers below and the calibration set into a
 * {@link org.barq.api.problem.RoundingProblem} and an incremental {@link org.barq.objectives.DefaultLayerObjective}
 * of the reconstruction term and, per {@link org.barq.objectives.ObjectiveSpec}, a boundary-gap surrogate over the
 * calibration band.
 */
package org.barq.objectives;
